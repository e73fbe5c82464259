"""``/admin/prompts``: review prompt versions (four-eyes) and move labels such as ``production``."""

from fastapi import APIRouter, Path

from quant_gen_ai.api.prompts import out
from quant_gen_ai.schemas.prompt import LabelMove, PromptOut, ReviewCreate
from quant_gen_ai.services.prompt_workflow import PromptWorkflow
from quant_shared.auth import AdminUser
from quant_shared.openapi.tags import ADMIN_MODELS_TAG

router = APIRouter(prefix="/admin/prompts", tags=[ADMIN_MODELS_TAG["name"]])
workflow = PromptWorkflow()
LABEL = Path(pattern=r"^[a-z][a-z0-9_-]{0,39}$", description="Label name, e.g. production or staging.")


@router.post("/{name}/versions/{version}/reviews", response_model=PromptOut)
async def review_prompt_version(
    principal: AdminUser, name: str, version: int, body: ReviewCreate
) -> PromptOut:
    """Approve (in_review -> approved) or reject (-> draft); the author cannot approve."""
    return out(await workflow.review(name, version, body, principal))


@router.put("/{name}/labels/{label}", response_model=PromptOut)
async def move_prompt_label(
    principal: AdminUser, name: str, body: LabelMove, label: str = LABEL
) -> PromptOut:
    """Point a label (e.g. ``production``) at an approved version."""
    return out(await workflow.move_label(name, label, body.version, principal))


@router.delete("/{name}/labels/{label}", response_model=PromptOut)
async def remove_prompt_label(principal: AdminUser, name: str, label: str = LABEL) -> PromptOut:
    return out(await workflow.remove_label(name, label, principal))
