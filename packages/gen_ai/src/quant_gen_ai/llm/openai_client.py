"""Client of any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, llama.cpp)."""

import asyncio
import logging
from collections.abc import AsyncIterator

import httpx

from quant_gen_ai.llm.openai_format import parse_completion, parse_stream_line, request_body
from quant_gen_ai.llm.provider import LLMProvider
from quant_gen_ai.llm.retry import RETRYABLE, backoff_delay
from quant_gen_ai.llm.types import LLMRequest, LLMResponse, StreamChunk
from quant_gen_ai.settings import GenAISettings
from quant_shared.enums import LLMProviderKind
from quant_shared.errors import BadGatewayError, GatewayTimeoutError, ServiceUnavailableError

log = logging.getLogger("quant.gen_ai.llm")


class OpenAICompatibleProvider(LLMProvider):
    kind = LLMProviderKind.OPENAI_COMPATIBLE

    def __init__(self, settings: GenAISettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        if not settings.llm_base_url:
            raise ValueError("llm_base_url is required for the OpenAI-compatible provider")
        self.settings = settings
        self.model = settings.llm_model
        headers = {"Accept": "application/json"}
        if settings.llm_api_key is not None:
            headers["Authorization"] = f"Bearer {settings.llm_api_key.get_secret_value()}"
        timeout = httpx.Timeout(settings.llm_timeout_seconds, connect=settings.llm_connect_timeout_seconds)
        self._client = httpx.AsyncClient(
            base_url=settings.llm_base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _send(self, body: dict, stream: bool) -> httpx.Response:
        """POST with retries on 429/5xx (Retry-After honored) and on connection errors."""
        s = self.settings
        for attempt in range(s.llm_max_retries + 1):
            last = attempt == s.llm_max_retries
            try:
                req = self._client.build_request("POST", "/chat/completions", json=body)
                resp = await self._client.send(req, stream=stream)
            except httpx.TimeoutException as exc:
                if last:
                    raise GatewayTimeoutError("The LLM server did not answer in time") from exc
                await asyncio.sleep(backoff_delay(attempt, s.llm_backoff_seconds, s.llm_max_backoff_seconds))
                continue
            except httpx.TransportError as exc:
                if last:
                    raise ServiceUnavailableError(f"The LLM server is unreachable: {exc}") from exc
                await asyncio.sleep(backoff_delay(attempt, s.llm_backoff_seconds, s.llm_max_backoff_seconds))
                continue
            if resp.status_code < 400:
                return resp
            if stream:
                await resp.aread()
            if resp.status_code in RETRYABLE and not last:
                delay = backoff_delay(attempt, s.llm_backoff_seconds, s.llm_max_backoff_seconds, resp)
                log.warning("LLM server answered %s; retry %d in %.2fs", resp.status_code, attempt + 1, delay)
                await resp.aclose()
                await asyncio.sleep(delay)
                continue
            detail = resp.text[:300]
            await resp.aclose()
            if resp.status_code == 429 or resp.status_code >= 500:
                raise ServiceUnavailableError(f"The LLM server answered {resp.status_code}: {detail}")
            raise BadGatewayError(f"The LLM server rejected the request ({resp.status_code}): {detail}")
        raise ServiceUnavailableError("The LLM server is unavailable")  # pragma: no cover

    async def complete(self, request: LLMRequest) -> LLMResponse:
        body = request_body(request, self.model, self.settings.llm_temperature)
        resp = await self._send(body, stream=False)
        try:
            data = resp.json()
        except ValueError as exc:
            raise BadGatewayError("The LLM server answered with invalid JSON") from exc
        return parse_completion(data, request, self.model)

    async def stream(self, request: LLMRequest) -> AsyncIterator[StreamChunk]:
        body = request_body(request, self.model, self.settings.llm_temperature, stream=True)
        resp = await self._send(body, stream=True)
        try:
            async for line in resp.aiter_lines():
                chunk = parse_stream_line(line)
                if chunk is not None:
                    yield chunk
        except httpx.TransportError as exc:
            raise ServiceUnavailableError("The LLM server broke the stream") from exc
        finally:
            await resp.aclose()
