"""The offline provider: deterministic writers per purpose, locally counted usage, streaming."""

import pytest

from quant_gen_ai.llm import LLMRequest, OfflineProvider
from quant_gen_ai.llm.offline import OfflineAnswer
from quant_shared.errors import ServiceUnavailableError


def echo(request: LLMRequest) -> OfflineAnswer:
    return OfflineAnswer(content=f"echo {request.context['word']} twice")


async def test_usage_is_estimated_and_stream_matches_complete():
    provider = OfflineProvider({"echo": echo})
    request = LLMRequest(
        purpose="echo", messages=[{"role": "user", "content": "one two three"}], context={"word": "hi"}
    )
    response = await provider.complete(request)
    assert response.content == "echo hi twice"
    assert (response.usage.prompt_tokens, response.usage.completion_tokens, response.usage.estimated) == (
        3,
        3,
        True,
    )
    chunks = [c async for c in provider.stream(request)]
    assert "".join(c.delta for c in chunks) == "echo hi twice" and chunks[-1].usage.total_tokens == 6


async def test_unknown_purpose_is_503():
    with pytest.raises(ServiceUnavailableError):
        await OfflineProvider({}).complete(LLMRequest(purpose="poem", messages=[]))
