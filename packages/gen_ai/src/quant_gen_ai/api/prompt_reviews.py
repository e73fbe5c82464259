"""Prompt Governance: submit a version for review, deprecate or archive it (reviews and labels: admin)."""

from fastapi import APIRouter

from quant_gen_ai.api.prompts import out
from quant_gen_ai.schemas.prompt import PromptOut
from quant_gen_ai.services.prompt_workflow import PromptWorkflow
from quant_shared.auth import CurrentUser
from quant_shared.enums import PromptStatus

router = APIRouter(prefix="/prompts", tags=["Prompt Governance"])
workflow = PromptWorkflow()


@router.post("/{name}/versions/{version}/submit", response_model=PromptOut)
async def submit_prompt_version(principal: CurrentUser, name: str, version: int) -> PromptOut:
    """draft -> in_review."""
    return out(await workflow.submit(name, version, principal))


@router.post("/{name}/versions/{version}/deprecate", response_model=PromptOut)
async def deprecate_prompt_version(principal: CurrentUser, name: str, version: int) -> PromptOut:
    return out(await workflow.set_status(name, version, PromptStatus.DEPRECATED, principal))


@router.post("/{name}/versions/{version}/archive", response_model=PromptOut)
async def archive_prompt_version(principal: CurrentUser, name: str, version: int) -> PromptOut:
    return out(await workflow.set_status(name, version, PromptStatus.ARCHIVED, principal))
