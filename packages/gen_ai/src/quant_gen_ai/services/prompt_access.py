"""Who may read and change a governed prompt."""

from quant_gen_ai.models.prompt_template import SYSTEM_OWNER, PromptTemplate, PromptVersion
from quant_shared.auth import Principal
from quant_shared.errors import ForbiddenError, NotFoundError


def can_read(prompt: PromptTemplate, principal: Principal) -> bool:
    return principal.is_admin or prompt.owner_id in (principal.user_id, SYSTEM_OWNER)


def ensure_can_edit(prompt: PromptTemplate, principal: Principal) -> None:
    """Owners edit their prompts; built-in (system) prompts are changed by admins only."""
    if principal.is_admin or prompt.owner_id == principal.user_id:
        return
    raise ForbiddenError(f"Only an admin can change the prompt '{prompt.name}'")


async def load_prompt(name: str, principal: Principal | None) -> PromptTemplate:
    """The prompt by name; 404 when missing or not visible to ``principal`` (None = platform itself)."""
    prompt = await PromptTemplate.find_one(PromptTemplate.name == name)
    if prompt is None or (principal is not None and not can_read(prompt, principal)):
        raise NotFoundError(f"No prompt named '{name}'")
    return prompt


def get_version(prompt: PromptTemplate, number: int, field: str = "path.version") -> PromptVersion:
    version = prompt.get_version(number)
    if version is None:
        raise NotFoundError(f"Prompt '{prompt.name}' has no version {number}", field=field)
    return version
