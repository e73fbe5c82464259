"""``/strategy-templates``: the built-in library (one per strategy type) and your own templates."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.api.deps import TemplateServiceDep
from quant_trading.schemas.template import TemplateCreate, TemplateOut

router = APIRouter(prefix="/strategy-templates", tags=["Strategy Templates"])


@router.get("", response_model=Page[TemplateOut], summary="Built-in and own templates")
async def list_strategy_templates(
    templates: TemplateServiceDep,
    params: PageParams = Depends(page_params),
    builtin: bool | None = Query(None, description="Only built-in (true) or only your own (false)."),
) -> dict:
    return await paginate(templates.query(builtin), params, convert=TemplateOut.of)


@router.post("", response_model=TemplateOut, status_code=status.HTTP_201_CREATED, summary="Save a template")
async def create_strategy_template(body: TemplateCreate, templates: TemplateServiceDep) -> TemplateOut:
    return TemplateOut.of(await templates.create(body))


@router.get("/{template_id}", response_model=TemplateOut, summary="One template")
async def get_strategy_template(template_id: str, templates: TemplateServiceDep) -> TemplateOut:
    return TemplateOut.of(await templates.get(template_id))


@router.delete(
    "/{template_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete one of your templates"
)
async def delete_strategy_template(template_id: str, templates: TemplateServiceDep) -> Response:
    await templates.delete(template_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
