"""Offline writers per LLM purpose (used when no LLM server is configured)."""

from quant_gen_ai.llm.offline import OfflineWriter

OFFLINE_WRITERS: dict[str, OfflineWriter] = {}
