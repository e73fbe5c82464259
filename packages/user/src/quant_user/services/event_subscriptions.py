"""The events the user domain reacts to, and the outbox its deletions are announced from."""

from fastapi import FastAPI

from quant_shared.events.reactions import purge_user_data
from quant_user.models import DOCUMENTS
from quant_user.services.quality_notices import on_quality_issue
from quant_user.services.user_events import outbox_collection


async def subscribe_events(app: FastAPI) -> None:
    app.state.outbox.watch(outbox_collection())
    bus = app.state.event_bus
    bus.subscribe("DataQualityIssueDetected", "user.quality_notices", on_quality_issue)
    # the deletion removes the user domain's data at once; this repeats it for documents added later
    bus.subscribe("UserDeleted", "user.user_cleanup", purge_user_data(DOCUMENTS))
