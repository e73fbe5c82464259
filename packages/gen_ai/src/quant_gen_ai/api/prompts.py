"""Prompt Governance: templates, immutable versions, diffs, rendering and its audit log."""

from fastapi import APIRouter, Depends, Query, status

from quant_gen_ai.schemas.prompt import (
    PromptCreate,
    PromptDiff,
    PromptOut,
    PromptVersionCreate,
    RenderedPrompt,
    RenderingOut,
    RenderRequest,
)
from quant_gen_ai.services.prompt_access import ensure_can_edit
from quant_gen_ai.services.prompt_renderer import PromptRenderer
from quant_gen_ai.services.prompt_service import PromptService
from quant_shared.auth import CurrentUser
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/prompts", tags=["Prompt Governance"])
service = PromptService()
renderer = PromptRenderer()


def out(prompt) -> PromptOut:
    return PromptOut.model_validate({**prompt.model_dump(), "id": str(prompt.id)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PromptOut)
async def create_prompt(principal: CurrentUser, body: PromptCreate) -> PromptOut:
    """Create a prompt with its first (draft) version."""
    return out(await service.create(body, principal))


@router.get("", response_model=Page[PromptOut])
async def list_prompts(principal: CurrentUser, params: PageParams = Depends(page_params)) -> dict:
    """Your prompts and the platform's built-in prompts (admins see all)."""
    page = await service.list_visible(principal, params)
    page["items"] = [out(p) for p in page["items"]]
    return page


@router.get("/{name}", response_model=PromptOut)
async def get_prompt(principal: CurrentUser, name: str) -> PromptOut:
    return out(await service.get(name, principal))


@router.post("/{name}/versions", status_code=status.HTTP_201_CREATED, response_model=PromptOut)
async def add_prompt_version(principal: CurrentUser, name: str, body: PromptVersionCreate) -> PromptOut:
    """Add a new draft version; existing versions never change."""
    return out(await service.add_version(name, body, principal))


@router.get("/{name}/diff", response_model=PromptDiff)
async def diff_prompt_versions(
    principal: CurrentUser,
    name: str,
    from_version: int = Query(ge=1),
    to_version: int = Query(ge=1),
) -> PromptDiff:
    lines = await service.diff(name, from_version, to_version, principal)
    return PromptDiff(prompt_name=name, from_version=from_version, to_version=to_version, diff=lines)


@router.post("/{name}/render", response_model=RenderedPrompt)
async def render_prompt(principal: CurrentUser, name: str, body: RenderRequest) -> RenderedPrompt:
    """Render a version (default: the one labeled ``production``); every rendering is audited."""
    return await renderer.render(
        name,
        body.variables,
        caller_id=principal.user_id,
        purpose=body.purpose,
        principal=principal,
        version=body.version,
        label=body.label,
    )


@router.get("/{name}/renderings", response_model=Page[RenderingOut])
async def list_prompt_renderings(
    principal: CurrentUser, name: str, params: PageParams = Depends(page_params)
) -> dict:
    """Audit log of the prompt's renderings (owner or admin)."""
    prompt = await service.get(name, principal)
    ensure_can_edit(prompt, principal)
    page = await renderer.renderings(prompt, params)
    page["items"] = [RenderingOut.model_validate(r, from_attributes=True) for r in page["items"]]
    return page
