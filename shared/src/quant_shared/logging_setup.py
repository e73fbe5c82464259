"""Logging configuration: one line per record, request id included."""

import logging

from quant_shared.requestctx import request_id_var


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        return True


def configure_logging(level: str = "INFO") -> None:
    root = logging.getLogger("quant")
    if getattr(root, "_quant_configured", False):
        root.setLevel(level.upper())
        return
    handler = logging.StreamHandler()
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    root.propagate = False
    root._quant_configured = True  # type: ignore[attr-defined]
