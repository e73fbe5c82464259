"""Offline strategy builder: the phrase parser answering in the structured-output shape."""

import json

from quant_gen_ai.llm.offline import OfflineAnswer
from quant_gen_ai.llm.types import LLMRequest
from quant_gen_ai.strategy.phrase_parser import parse_strategy_text


def offline_strategy(request: LLMRequest) -> OfflineAnswer:
    result = parse_strategy_text(request.context["text"])
    parsed = {"spec": result.spec, "unsupported": result.unsupported}
    return OfflineAnswer(content=json.dumps(parsed), parsed=parsed)
