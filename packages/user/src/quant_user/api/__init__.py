"""The user domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_shared.domain import DomainSpec
from quant_shared.events.admin_router import router as admin_events_router
from quant_user import __version__
from quant_user.api import api_keys, auth, dashboard, watchlists
from quant_user.api.admin import users as admin_users
from quant_user.api.tags import TAGS
from quant_user.models import DOCUMENTS
from quant_user.services.event_subscriptions import subscribe_events
from quant_user.services.lifecycle import start_user_domain

router = APIRouter()
for _module in (auth, api_keys, watchlists, dashboard, admin_users):
    router.include_router(_module.router)
# /admin/events (dead letters of the event bus, admin role): served by the user service, the platform's
# administration entry point; with the NATS backend it lists and replays every domain's dead letters.
router.include_router(admin_events_router)

DOMAIN = DomainSpec(
    name="user",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(start_user_domain, subscribe_events),
)
