"""``/strategy-templates``: the built-in library (one per strategy type) and your own templates."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.auth import Principal, require_user
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.schemas.template import TemplateCreate, TemplateOut
from quant_trading.services.strategies.template_service import TemplateService

router = APIRouter(prefix="/strategy-templates", tags=["Strategy Templates"])


@router.get("", response_model=Page[TemplateOut], summary="Built-in and own templates")
async def list_strategy_templates(
    params: PageParams = Depends(page_params),
    builtin: bool | None = Query(None, description="Only built-in (true) or only your own (false)."),
    principal: Principal = Depends(require_user),
) -> dict:
    query = TemplateService(principal.user_id).query(builtin)
    return await paginate(query, params, sort=[("builtin", -1), ("name", 1)], convert=TemplateOut.of)


@router.post("", response_model=TemplateOut, status_code=status.HTTP_201_CREATED, summary="Save a template")
async def create_strategy_template(
    body: TemplateCreate, principal: Principal = Depends(require_user)
) -> TemplateOut:
    return TemplateOut.of(await TemplateService(principal.user_id).create(body))


@router.get("/{template_id}", response_model=TemplateOut, summary="One template")
async def get_strategy_template(
    template_id: str, principal: Principal = Depends(require_user)
) -> TemplateOut:
    return TemplateOut.of(await TemplateService(principal.user_id).get(template_id))


@router.delete(
    "/{template_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete one of your templates"
)
async def delete_strategy_template(
    template_id: str, principal: Principal = Depends(require_user)
) -> Response:
    await TemplateService(principal.user_id).delete(template_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
