"""Offline writers per LLM purpose (used when no LLM server is configured)."""

from quant_gen_ai.chatops.intent_parser import offline_chatops
from quant_gen_ai.llm.offline import OfflineWriter
from quant_gen_ai.narrative.offline_writer import offline_narrative
from quant_gen_ai.strategy.offline_writer import offline_strategy

OFFLINE_WRITERS: dict[str, OfflineWriter] = {
    "narrative": offline_narrative,
    "strategy_builder": offline_strategy,
    "chatops": offline_chatops,
}
