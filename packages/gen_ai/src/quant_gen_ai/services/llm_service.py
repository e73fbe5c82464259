"""Every LLM call of the platform: a governed prompt rendered, the provider called, usage recorded."""

import time
from typing import Any

from quant_gen_ai.llm.provider import LLMProvider
from quant_gen_ai.llm.types import LLMRequest, LLMResponse, ToolSpec
from quant_gen_ai.models.llm_call import LLMCall
from quant_gen_ai.schemas.prompt import RenderedPrompt
from quant_gen_ai.services.prompt_renderer import PromptRenderer
from quant_shared.enums import LLMCallStatus
from quant_shared.errors import ProblemError


class LLMService:
    def __init__(self, provider: LLMProvider, renderer: PromptRenderer | None = None) -> None:
        self.provider = provider
        self.renderer = renderer or PromptRenderer()

    async def ask(
        self,
        *,
        prompt: str,
        variables: dict[str, Any],
        caller_id: str,
        purpose: str,
        context: dict[str, Any] | None = None,
        response_schema: dict[str, Any] | None = None,
        schema_name: str = "result",
        strict_schema: bool = True,
        tools: list[ToolSpec] | None = None,
        history: list[dict[str, Any]] | None = None,
        follow_up: list[dict[str, Any]] | None = None,
    ) -> tuple[LLMResponse, RenderedPrompt]:
        """Render the production version of ``prompt`` (audited) and run one completion."""
        rendered = await self.renderer.render(prompt, variables, caller_id=caller_id, purpose=purpose)
        messages: list[dict[str, Any]] = []
        if rendered.system:
            messages.append({"role": "system", "content": rendered.system})
        messages.extend(history or [])
        messages.append({"role": "user", "content": rendered.text})
        messages.extend(follow_up or [])
        request = LLMRequest(
            purpose=purpose,
            messages=messages,
            response_schema=response_schema,
            schema_name=schema_name,
            strict_schema=strict_schema,
            tools=tools or [],
            context=context or {},
        )
        record = LLMCall(
            caller_id=caller_id,
            purpose=purpose,
            provider=self.provider.kind,
            model=self.provider.model,
            prompt_name=rendered.prompt_name,
            prompt_version=rendered.version,
            status=LLMCallStatus.SUCCEEDED,
        )
        started = time.perf_counter()
        try:
            response = await self.provider.complete(request)
        except ProblemError as exc:
            record.status, record.error = LLMCallStatus.FAILED, str(exc.detail or exc.title)
            record.latency_ms = (time.perf_counter() - started) * 1000
            await record.insert()
            raise
        record.latency_ms = (time.perf_counter() - started) * 1000
        record.usage, record.model = response.usage, response.model
        record.tool_calls = [c.name for c in response.tool_calls]
        await record.insert()
        return response, rendered
