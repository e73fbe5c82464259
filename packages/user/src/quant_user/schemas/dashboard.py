"""The dashboard: sections filled from other domains, and the per-user layout."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.enums import DashboardSection, SectionStatus
from quant_shared.schema import BaseSchema


class SectionOut(BaseSchema):
    name: DashboardSection
    status: SectionStatus
    data: Any = None
    error: str | None = Field(default=None, description="Why the section is unavailable.")


class DashboardOut(BaseSchema):
    generated_at: datetime
    sections: list[SectionOut] = Field(description="In the order of the user's layout.")


class LayoutIn(BaseSchema):
    sections: list[DashboardSection] = Field(description="Sections to show, in display order (no repeats).")


class LayoutOut(BaseSchema):
    sections: list[DashboardSection]
    available: list[DashboardSection] = Field(default_factory=lambda: list(DashboardSection))
