"""The quality checks of every stored series as a task (``POST /admin/market-data/quality/run``).

The series are as many and as long as the data ingested: checking them all is no request's work. The
app's task dispatcher runs it (in the API process by default, on a ``quant worker`` when configured);
``GET /tasks/{id}`` reports its progress and, at the end, ``{"series", "events"}``.
"""

from typing import Any

from quant_market_data.services.quality_service import QualityService
from quant_market_data.settings import market_data_settings

CHECK_ALL = "quant_market_data.services.quality_jobs:check_all_series"


async def check_all_series(ctx: Any) -> dict[str, int]:
    service = QualityService(market_data_settings(ctx.app))
    return await service.check_all(ctx.progress)
