"""The dashboard: every section of the user's layout fetched concurrently, each with its own timeout.

A section whose domain is down, slow or failing is marked unavailable; the others are still answered.
"""

import asyncio
import logging

from quant_shared.enums import DashboardSection, SectionStatus
from quant_shared.errors import ProblemError, ValidationProblem
from quant_shared.timeutil import utcnow
from quant_user.models.dashboard_layout import DashboardLayout
from quant_user.schemas.dashboard import DashboardOut, SectionOut
from quant_user.services.dashboard_sources import DashboardSources

log = logging.getLogger("quant.user.dashboard")


async def layout_of(owner_id: str) -> list[DashboardSection]:
    doc = await DashboardLayout.find_one(DashboardLayout.owner_id == owner_id)
    return list(doc.sections) if doc else list(DashboardSection)


async def save_layout(owner_id: str, sections: list[DashboardSection]) -> list[DashboardSection]:
    if len(set(sections)) != len(sections):
        raise ValidationProblem.field("body.sections", "a section may appear only once")
    doc = await DashboardLayout.find_one(DashboardLayout.owner_id == owner_id)
    if doc is None:
        doc = DashboardLayout(owner_id=owner_id, sections=sections)
        await doc.insert()
    else:
        doc.sections = sections
        await doc.save()
    return sections


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, ProblemError):
        return f"{exc.status} {exc.detail or exc.title}"
    return f"{type(exc).__name__}: {exc}"


class DashboardService:
    def __init__(self, sources: DashboardSources, timeout: float) -> None:
        self.sources = sources
        self.timeout = timeout

    async def _section(self, name: DashboardSection) -> SectionOut:
        fetch = getattr(self.sources, name.value)
        try:
            data = await asyncio.wait_for(fetch(), self.timeout)
        except Exception as exc:  # any failure of one domain degrades only its own section
            reason = _reason(exc, self.timeout)
            log.warning("dashboard section %s unavailable: %s", name.value, reason)
            return SectionOut(name=name, status=SectionStatus.UNAVAILABLE, error=reason)
        return SectionOut(name=name, status=SectionStatus.OK, data=data)

    async def build(self, sections: list[DashboardSection]) -> DashboardOut:
        results = await asyncio.gather(*(self._section(name) for name in sections))
        return DashboardOut(generated_at=utcnow(), sections=list(results))
