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
from quant_shared.auth import Principal, require_user
from quant_shared.pagination import Page, PageParams, page_params

router = APIRouter(prefix="/prompts", tags=["Prompt Governance"])
service = PromptService()
renderer = PromptRenderer()


def out(prompt) -> PromptOut:
    return PromptOut.model_validate({**prompt.model_dump(), "id": str(prompt.id)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PromptOut)
async def create_prompt(body: PromptCreate, principal: Principal = Depends(require_user)) -> PromptOut:
    """Create a prompt with its first (draft) version."""
    return out(await service.create(body, principal))


@router.get("", response_model=Page[PromptOut])
async def list_prompts(
    params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    """Your prompts and the platform's built-in prompts (admins see all)."""
    page = await service.list_visible(principal, params)
    page["items"] = [out(p) for p in page["items"]]
    return page


@router.get("/{name}", response_model=PromptOut)
async def get_prompt(name: str, principal: Principal = Depends(require_user)) -> PromptOut:
    return out(await service.get(name, principal))


@router.post("/{name}/versions", status_code=status.HTTP_201_CREATED, response_model=PromptOut)
async def add_prompt_version(
    name: str, body: PromptVersionCreate, principal: Principal = Depends(require_user)
) -> PromptOut:
    """Add a new draft version; existing versions never change."""
    return out(await service.add_version(name, body, principal))


@router.get("/{name}/diff", response_model=PromptDiff)
async def diff_prompt_versions(
    name: str,
    from_version: int = Query(ge=1),
    to_version: int = Query(ge=1),
    principal: Principal = Depends(require_user),
) -> PromptDiff:
    lines = await service.diff(name, from_version, to_version, principal)
    return PromptDiff(prompt_name=name, from_version=from_version, to_version=to_version, diff=lines)


@router.post("/{name}/render", response_model=RenderedPrompt)
async def render_prompt(
    name: str, body: RenderRequest, principal: Principal = Depends(require_user)
) -> RenderedPrompt:
    """Render a version (default: the one labelled ``production``); every rendering is audited."""
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
    name: str, params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    """Audit log of the prompt's renderings (owner or admin)."""
    prompt = await service.get(name, principal)
    ensure_can_edit(prompt, principal)
    page = await renderer.renderings(prompt, params)
    page["items"] = [RenderingOut.model_validate(r, from_attributes=True) for r in page["items"]]
    return page
