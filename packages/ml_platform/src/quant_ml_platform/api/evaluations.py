"""``/ml/evaluations``: benchmarks, A/B tests, fairness audits and feature data-quality checks."""

from typing import Any

from beanie import Document, PydanticObjectId
from fastapi import APIRouter, Depends

from quant_ml_platform.api.deps import bars_client
from quant_ml_platform.models.ab_test import ABTest
from quant_ml_platform.models.benchmark import Benchmark
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.fairness_audit import FairnessAudit
from quant_ml_platform.schemas.evaluation import (
    ABTestIn,
    BenchmarkIn,
    DataQualityEventOut,
    DataQualityIn,
    DataQualityReport,
    EvaluationOut,
    FairnessIn,
)
from quant_ml_platform.services.ab_test_service import run_ab_test
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.benchmark_service import run_benchmark
from quant_ml_platform.services.data_quality_service import check_feature
from quant_ml_platform.services.fairness_service import run_audit
from quant_shared.auth import Principal, require_user
from quant_shared.errors import NotFoundError
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/ml/evaluations", tags=["ML Evaluations"])
KINDS: dict[str, type[Document]] = {
    "benchmarks": Benchmark,
    "ab-tests": ABTest,
    "fairness-audits": FairnessAudit,
}


def evaluation_out(kind: str, doc: Any) -> EvaluationOut:
    data = doc.model_dump(mode="json", exclude={"id", "revision_id", "owner_id", "created_at", "updated_at"})
    return EvaluationOut(id=str(doc.id), kind=kind, created_at=doc.created_at, data=data)


def event_out(doc: DataQualityEvent) -> DataQualityEventOut:
    return DataQualityEventOut(
        id=str(doc.id), **doc.model_dump(include=set(DataQualityEventOut.model_fields) - {"id"})
    )


@router.post(
    "/benchmarks", response_model=EvaluationOut, status_code=201, summary="Model vs baselines, held out"
)
async def create_benchmark(
    body: BenchmarkIn, principal: Principal = Depends(require_user), bars: BarsClient = Depends(bars_client)
) -> EvaluationOut:
    return evaluation_out("benchmarks", await run_benchmark(principal.user_id, body, bars))


@router.post("/ab-tests", response_model=EvaluationOut, status_code=201, summary="Compare two deployments")
async def create_ab_test(
    body: ABTestIn, principal: Principal = Depends(require_user), bars: BarsClient = Depends(bars_client)
) -> EvaluationOut:
    return evaluation_out("ab-tests", await run_ab_test(principal.user_id, body, bars))


@router.post(
    "/fairness-audits", response_model=EvaluationOut, status_code=201, summary="Parity across groups"
)
async def create_fairness_audit(
    body: FairnessIn, principal: Principal = Depends(require_user), bars: BarsClient = Depends(bars_client)
) -> EvaluationOut:
    return evaluation_out("fairness-audits", await run_audit(principal.user_id, body, bars))


@router.post(
    "/data-quality", response_model=DataQualityReport, summary="Check a feature; findings become events"
)
async def check_data_quality(
    body: DataQualityIn, principal: Principal = Depends(require_user), bars: BarsClient = Depends(bars_client)
) -> DataQualityReport:
    measurements, events = await check_feature(principal.user_id, body, bars)
    return DataQualityReport(
        feature=body.feature,
        symbol=body.symbol,
        measurements=measurements,
        events=[event_out(e) for e in events],
    )


@router.get(
    "/data-quality/events", response_model=Page[DataQualityEventOut], summary="Your data-quality events"
)
async def list_quality_events(
    params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    query = DataQualityEvent.find({"owner_id": principal.user_id})
    return await paginate(query, params, sort=[("created_at", -1)], convert=event_out)


def _list_route(kind: str, document: type[Document]) -> None:
    @router.get(
        f"/{kind}",
        response_model=Page[EvaluationOut],
        summary=f"Your {kind}",
        name=f"list_{kind.replace('-', '_')}",
    )
    async def list_items(
        params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
    ):
        query = document.find({"owner_id": principal.user_id})
        return await paginate(
            query, params, sort=[("created_at", -1)], convert=lambda d: evaluation_out(kind, d)
        )

    @router.get(
        f"/{kind}/{{item_id}}",
        response_model=EvaluationOut,
        summary=f"One of your {kind}",
        name=f"get_{kind.replace('-', '_')}",
    )
    async def get_item(
        item_id: PydanticObjectId, principal: Principal = Depends(require_user)
    ) -> EvaluationOut:
        found = await document.get(item_id)
        if found is None or found.owner_id != principal.user_id:
            raise NotFoundError(f"{kind} {item_id} not found")
        return evaluation_out(kind, found)


for _kind, _document in KINDS.items():
    _list_route(_kind, _document)
