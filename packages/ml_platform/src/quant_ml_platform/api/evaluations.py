"""``/ml/evaluations``: benchmarks, A/B tests, fairness audits and feature data-quality checks."""

from typing import Any

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_ml_platform.api.deps import EvaluationServiceDep
from quant_ml_platform.schemas.evaluation import (
    ABTestIn,
    BenchmarkIn,
    DataQualityIn,
    DataQualityReport,
    EvaluationOut,
    FairnessIn,
)
from quant_ml_platform.services.evaluations.evaluation_service import KINDS
from quant_shared.data_quality_event import DataQualityEventOut
from quant_shared.enums import DataQualityCheck, Severity
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/ml/evaluations", tags=["ML Evaluations"])


def evaluation_out(kind: str, doc: Any) -> EvaluationOut:
    data = doc.model_dump(mode="json", exclude={"id", "revision_id", "owner_id", "created_at", "updated_at"})
    return EvaluationOut(id=str(doc.id), kind=kind, created_at=doc.created_at, data=data)


@router.post(
    "/benchmarks", response_model=EvaluationOut, status_code=201, summary="Model vs baselines, held out"
)
async def create_benchmark(body: BenchmarkIn, evaluations: EvaluationServiceDep) -> EvaluationOut:
    return evaluation_out("benchmarks", await evaluations.benchmark(body))


@router.post("/ab-tests", response_model=EvaluationOut, status_code=201, summary="Compare two deployments")
async def create_ab_test(body: ABTestIn, evaluations: EvaluationServiceDep) -> EvaluationOut:
    return evaluation_out("ab-tests", await evaluations.ab_test(body))


@router.post(
    "/fairness-audits", response_model=EvaluationOut, status_code=201, summary="Parity across groups"
)
async def create_fairness_audit(body: FairnessIn, evaluations: EvaluationServiceDep) -> EvaluationOut:
    return evaluation_out("fairness-audits", await evaluations.fairness_audit(body))


@router.post(
    "/data-quality", response_model=DataQualityReport, summary="Check a feature; findings become events"
)
async def check_data_quality(body: DataQualityIn, evaluations: EvaluationServiceDep) -> DataQualityReport:
    measurements, events = await evaluations.check_data_quality(body)
    return DataQualityReport(
        feature=body.feature,
        symbol=body.symbol,
        measurements=measurements,
        events=[DataQualityEventOut.of(e) for e in events],
    )


@router.get(
    "/data-quality/events", response_model=Page[DataQualityEventOut], summary="Your data-quality events"
)
async def list_quality_events(
    evaluations: EvaluationServiceDep,
    symbol: str | None = Query(None, max_length=32),
    series: str | None = Query(None, max_length=200, description="A feature version, e.g. rsi@1"),
    check: DataQualityCheck | None = Query(None),
    severity: Severity | None = Query(None),
    resolved: bool | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    found = evaluations.quality_events(
        symbol=symbol, series=series, check=check, severity=severity, resolved=resolved
    )
    return await paginate(found, params, sort=[("created_at", -1)], convert=DataQualityEventOut.of)


@router.post(
    "/data-quality/events/{event_id}/resolve",
    response_model=DataQualityEventOut,
    summary="Mark one of your findings resolved",
)
async def resolve_quality_event(
    event_id: PydanticObjectId, evaluations: EvaluationServiceDep
) -> DataQualityEventOut:
    return DataQualityEventOut.of(await evaluations.resolve_quality_event(event_id))


def _list_route(kind: str) -> None:
    @router.get(
        f"/{kind}",
        response_model=Page[EvaluationOut],
        summary=f"Your {kind}",
        name=f"list_{kind.replace('-', '_')}",
    )
    async def list_items(evaluations: EvaluationServiceDep, params: PageParams = Depends(page_params)):
        return await paginate(
            evaluations.of_kind(kind),
            params,
            sort=[("created_at", -1)],
            convert=lambda d: evaluation_out(kind, d),
        )

    @router.get(
        f"/{kind}/{{item_id}}",
        response_model=EvaluationOut,
        summary=f"One of your {kind}",
        name=f"get_{kind.replace('-', '_').removesuffix('s')}",  # one item: get_benchmark
    )
    async def get_item(item_id: PydanticObjectId, evaluations: EvaluationServiceDep) -> EvaluationOut:
        return evaluation_out(kind, await evaluations.get(kind, item_id))


for _kind in KINDS:
    _list_route(_kind)
