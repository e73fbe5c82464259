"""Render a governed prompt (its production version by default) and log the rendering."""

from typing import Any

from quant_gen_ai.models.prompt_rendering import PromptRendering
from quant_gen_ai.models.prompt_template import PromptTemplate
from quant_gen_ai.prompts.budget import BudgetExceeded, run_limited
from quant_gen_ai.prompts.sandbox import render, validate_variables
from quant_gen_ai.schemas.prompt import RenderedPrompt
from quant_gen_ai.services.prompt_access import get_version, load_prompt
from quant_gen_ai.settings import GenAISettings
from quant_shared.auth import Principal
from quant_shared.enums import PromptLabel, PromptStatus
from quant_shared.errors import ConflictError, NotFoundError, ServiceUnavailableError, ValidationProblem
from quant_shared.pagination import PageParams, paginate

PRODUCTION = PromptLabel.PRODUCTION.value


class PromptRenderer:
    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds if seconds is not None else GenAISettings().prompt_render_seconds

    async def render(
        self,
        name: str,
        variables: dict[str, Any],
        *,
        caller_id: str,
        purpose: str,
        principal: Principal | None = None,
        version: int | None = None,
        label: str = PRODUCTION,
    ) -> RenderedPrompt:
        """``principal`` None means the platform itself (visibility not checked)."""
        prompt = await load_prompt(name, principal)
        if version is None:
            if label not in prompt.labels:
                if principal is None:
                    raise ServiceUnavailableError(f"The prompt '{name}' has no {label} version")
                raise NotFoundError(
                    f"The prompt '{name}' has no version labeled '{label}'", field="body.label"
                )
            number, used_label = prompt.labels[label], label
        else:
            number, used_label = version, None
        chosen = get_version(prompt, number, "body.version")
        if chosen.status == PromptStatus.ARCHIVED:
            raise ConflictError(f"Version {number} of '{name}' is archived")
        try:
            system, text = await run_limited(self.seconds, _render_all, chosen, variables)
        except BudgetExceeded:
            raise ValidationProblem.field(
                "body.variables", f"rendering the prompt took longer than its {self.seconds:g} s budget"
            ) from None
        await PromptRendering(
            prompt_name=name,
            version=number,
            label=used_label,
            caller_id=caller_id,
            purpose=purpose,
            variable_names=sorted(variables),
        ).insert()
        return RenderedPrompt(prompt_name=name, version=number, system=system, text=text)

    async def renderings(self, prompt: PromptTemplate, params: PageParams) -> dict:
        query = PromptRendering.find(PromptRendering.prompt_name == prompt.name)
        return await paginate(query, params, sort=[("created_at", -1)])


def _render_all(version: Any, variables: dict[str, Any]) -> tuple[str, str]:
    """Check the variables, render the system text and the template (blocking, untrusted)."""
    validate_variables(version.variables_schema, variables)
    return render(version.system, variables), render(version.template, variables)
