"""The OpenAI-compatible client against a local scripted server: retries, SSE, structured output, tools."""

import time
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest

from quant_gen_ai.llm import LLMRequest, OpenAICompatibleProvider, ToolSpec
from quant_gen_ai.llm.retry import backoff_delay, retry_after_seconds
from quant_gen_ai.settings import GenAISettings
from quant_shared.embedded import free_port
from quant_shared.errors import BadGatewayError, ServiceUnavailableError
from quant_shared.timeutil import utcnow

from .llm_server import Scripted, completion, stream


def provider(url: str, **kw) -> OpenAICompatibleProvider:
    base = {"llm_base_url": url, "llm_api_key": "sk-test", "llm_model": "m1", "llm_backoff_seconds": 0.01}
    return OpenAICompatibleProvider(GenAISettings(_env_file=None, **{**base, **kw}))


REQ = LLMRequest(purpose="t", messages=[{"role": "user", "content": "hi"}])


async def test_structured_output_usage_and_auth(llm_server):
    llm_server.push(completion('{"answer": 42}'))
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}}
    p = provider(llm_server.url)
    resp = await p.complete(REQ.model_copy(update={"response_schema": schema, "schema_name": "a"}))
    await p.aclose()
    assert resp.parsed == {"answer": 42}
    assert (resp.usage.prompt_tokens, resp.usage.completion_tokens, resp.usage.total_tokens) == (11, 7, 18)
    sent = llm_server.requests[0]
    assert sent["model"] == "m1"
    assert sent["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "a", "schema": schema, "strict": True},
    }
    assert llm_server.headers[0]["authorization"] == "Bearer sk-test"


async def test_retries_429_and_500_honoring_retry_after(llm_server):
    llm_server.push(
        Scripted(429, {"error": "slow down"}, {"Retry-After": "0.4"}), Scripted(503, {}), completion("ok")
    )
    p = provider(llm_server.url)
    started = time.monotonic()
    resp = await p.complete(REQ)
    await p.aclose()
    assert resp.content == "ok" and len(llm_server.requests) == 3
    assert time.monotonic() - started >= 0.4


async def test_gives_up_after_retries_and_does_not_retry_400(llm_server):
    llm_server.push(*[Scripted(500, {"error": "boom"})] * 3, Scripted(400, {"error": "bad model"}))
    p = provider(llm_server.url, llm_max_retries=2)
    with pytest.raises(ServiceUnavailableError):
        await p.complete(REQ)
    assert len(llm_server.requests) == 3
    with pytest.raises(BadGatewayError, match="bad model"):
        await p.complete(REQ)
    assert len(llm_server.requests) == 4
    await p.aclose()


async def test_tool_calls_are_parsed(llm_server):
    llm_server.push(completion(None, [("get_status", {"task_id": "t1"})]))
    tool = ToolSpec(name="get_status", description="status", parameters={"type": "object"})
    p = provider(llm_server.url)
    resp = await p.complete(REQ.model_copy(update={"tools": [tool]}))
    await p.aclose()
    assert [(c.name, c.arguments) for c in resp.tool_calls] == [("get_status", {"task_id": "t1"})]
    assert llm_server.requests[0]["tools"][0]["function"]["name"] == "get_status"


async def test_sse_streaming_gives_deltas_then_usage(llm_server):
    llm_server.push(stream(["Hel", "lo", " world"]))
    p = provider(llm_server.url)
    chunks = [c async for c in p.stream(REQ)]
    await p.aclose()
    assert "".join(c.delta for c in chunks) == "Hello world"
    assert chunks[-1].usage.total_tokens == 8
    assert llm_server.requests[0]["stream"] is True


async def test_unreachable_server_is_503():
    p = provider(f"http://127.0.0.1:{free_port()}/v1", llm_max_retries=1)
    with pytest.raises(ServiceUnavailableError, match="unreachable"):
        await p.complete(REQ)
    await p.aclose()


def test_retry_after_forms():
    later = format_datetime(utcnow().replace(microsecond=0) + timedelta(seconds=30), usegmt=True)
    assert 25 <= retry_after_seconds(httpx.Response(429, headers={"Retry-After": later})) <= 30
    assert retry_after_seconds(httpx.Response(429, headers={"Retry-After": "7"})) == 7
    assert backoff_delay(3, 0.5, 100) == 4.0 and backoff_delay(10, 0.5, 3) == 3
