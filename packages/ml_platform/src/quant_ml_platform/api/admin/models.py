"""``/admin/models``: every user's models and deployments; archive or delete any (admin only)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_ml_platform.api.deps import ModelAdminServiceDep
from quant_ml_platform.schemas.admin import AdminModelOut
from quant_ml_platform.schemas.convert import deployment_out, model_out
from quant_ml_platform.schemas.model import ModelOut
from quant_shared.enums import ModelStatus
from quant_shared.openapi.tags import ADMIN_MODELS_TAG
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/admin/models", tags=[ADMIN_MODELS_TAG["name"]])


@router.get("", response_model=Page[AdminModelOut], summary="Every user's models with their deployments")
async def list_all_models(
    models: ModelAdminServiceDep,
    params: PageParams = Depends(page_params),
    status: ModelStatus | None = Query(None),
    owner_id: str | None = Query(None, max_length=64),
) -> dict:
    page, deployments = await models.page(params, status, owner_id)
    page["items"] = [
        AdminModelOut(model=model_out(m), deployments=[deployment_out(d) for d in deployments[m.id]])
        for m in page["items"]
    ]
    return page


@router.post(
    "/{model_id}/archive", response_model=ModelOut, summary="Archive any model (stops its deployments)"
)
async def archive_any_model(model_id: PydanticObjectId, models: ModelAdminServiceDep) -> ModelOut:
    return model_out(await models.archive(model_id))


@router.delete("/{model_id}", status_code=204, summary="Delete any model with its versions and deployments")
async def delete_any_model(model_id: PydanticObjectId, models: ModelAdminServiceDep) -> None:
    await models.delete(model_id)
