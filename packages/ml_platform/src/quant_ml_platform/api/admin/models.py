"""``/admin/models``: every user's models and deployments; archive or delete any (admin only)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.registered_model import RegisteredModel
from quant_ml_platform.schemas.admin import AdminModelOut
from quant_ml_platform.schemas.convert import deployment_out, model_out
from quant_ml_platform.schemas.model import ModelOut
from quant_ml_platform.services.model_admin_service import archive_model, delete_model
from quant_shared.auth import Principal, require_admin
from quant_shared.enums import ModelStatus
from quant_shared.errors import NotFoundError
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/admin/models", tags=["Admin Models"])


async def _model(model_id: PydanticObjectId) -> RegisteredModel:
    found = await RegisteredModel.get(model_id)
    if found is None:
        raise NotFoundError(f"Model {model_id} not found")
    return found


@router.get("", response_model=Page[AdminModelOut], summary="Every user's models with their deployments")
async def list_all_models(
    params: PageParams = Depends(page_params),
    status: ModelStatus | None = Query(None),
    owner_id: str | None = Query(None, max_length=64),
    admin: Principal = Depends(require_admin),
) -> dict:
    filters: dict = {}
    if status:
        filters["status"] = status
    if owner_id:
        filters["owner_id"] = owner_id
    page = await paginate(RegisteredModel.find(filters), params, sort=[("created_at", -1)])
    ids = [m.id for m in page["items"]]
    deployments = await ModelDeployment.find({"model_id": {"$in": ids}}).sort([("created_at", -1)]).to_list()
    page["items"] = [
        AdminModelOut(
            model=model_out(m), deployments=[deployment_out(d) for d in deployments if d.model_id == m.id]
        )
        for m in page["items"]
    ]
    return page


@router.post(
    "/{model_id}/archive", response_model=ModelOut, summary="Archive any model (stops its deployments)"
)
async def archive_any_model(
    model_id: PydanticObjectId, admin: Principal = Depends(require_admin)
) -> ModelOut:
    return model_out(await archive_model(await _model(model_id)))


@router.delete("/{model_id}", status_code=204, summary="Delete any model with its versions and deployments")
async def delete_any_model(model_id: PydanticObjectId, admin: Principal = Depends(require_admin)) -> None:
    await delete_model(await _model(model_id))
