"""Start-up hook: the relay watches this domain's outboxes (ingest announcements, quality findings).

Market data owns no per-user documents (instruments, bars, fundamentals and quality findings are
shared), so it does not subscribe ``UserDeleted``.
"""

from fastapi import FastAPI

from quant_market_data.models import DataQualityEvent
from quant_market_data.services.ingest_events import outbox_collection


async def start_market_data_events(app: FastAPI) -> None:
    app.state.outbox.watch(DataQualityEvent)
    app.state.outbox.watch(outbox_collection())
