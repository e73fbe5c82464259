"""``DashboardLayout``: which dashboard sections a user sees, in which order."""

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DashboardSection


class DashboardLayout(OwnedDocument):
    sections: list[DashboardSection] = Field(default_factory=lambda: list(DashboardSection))

    class Settings:
        name = "dashboard_layouts"
        use_state_management = False
        indexes = [IndexModel([("owner_id", ASCENDING)], unique=True, name="owner_unique")]
