"""Evaluations of one user: benchmarks, A/B tests, fairness audits and feature data-quality checks."""

from typing import Any

from beanie import Document, PydanticObjectId

from quant_ml_platform.models.ab_test import ABTest
from quant_ml_platform.models.benchmark import Benchmark
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.fairness_audit import FairnessAudit
from quant_ml_platform.schemas.evaluation import ABTestIn, BenchmarkIn, DataQualityIn, FairnessIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.evaluations.ab_test_service import run_ab_test
from quant_ml_platform.services.evaluations.benchmark_service import run_benchmark
from quant_ml_platform.services.evaluations.data_quality_service import check_feature
from quant_ml_platform.services.evaluations.fairness_service import run_audit
from quant_shared.data_quality_event import quality_query, resolve_quality_event
from quant_shared.errors import NotFoundError

KINDS: dict[str, type[Document]] = {
    "benchmarks": Benchmark,
    "ab-tests": ABTest,
    "fairness-audits": FairnessAudit,
}


class EvaluationService:
    def __init__(self, owner_id: str, bars: BarsClient | None = None) -> None:
        self.owner_id = owner_id
        self.bars = bars  # the caller's market-data access (the runs score held-out bars)

    def owned(self, **filters) -> dict:
        """The owner filter of every evaluation query: another user's evaluation is not found."""
        return {"owner_id": self.owner_id, **filters}

    async def benchmark(self, body: BenchmarkIn) -> Benchmark:
        return await run_benchmark(self.owner_id, body, self.bars)

    async def ab_test(self, body: ABTestIn) -> ABTest:
        return await run_ab_test(self.owner_id, body, self.bars)

    async def fairness_audit(self, body: FairnessIn) -> FairnessAudit:
        return await run_audit(self.owner_id, body, self.bars)

    async def check_data_quality(self, body: DataQualityIn) -> tuple[dict, list[DataQualityEvent]]:
        return await check_feature(self.owner_id, body, self.bars)

    def quality_events(self, **filters) -> Any:
        """The owner's data-quality events matching every given filter (symbol, series, check, ...)."""
        return DataQualityEvent.find(self.owned(**quality_query(**filters)))

    async def resolve_quality_event(self, event_id: PydanticObjectId) -> DataQualityEvent:
        return await resolve_quality_event(DataQualityEvent, self.owned(_id=event_id), self.owner_id)

    def of_kind(self, kind: str):
        """The owner's evaluations of ``kind`` (a key of ``KINDS``)."""
        return KINDS[kind].find(self.owned())

    async def get(self, kind: str, item_id: PydanticObjectId) -> Document:
        found = await KINDS[kind].find_one(self.owned(_id=item_id))
        if found is None:
            raise NotFoundError(f"{kind} {item_id} not found")
        return found
