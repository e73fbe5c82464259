"""Feature data quality on request: NaN bursts, constant stretches and drift (PSI and KS) between a
training and a serving window, stored as the shared data-quality events of the feature's values."""

from datetime import UTC, datetime

import numpy as np

from quant_ml_platform.engine.drift import ks, psi
from quant_ml_platform.engine.feature_checks import constant_run, nan_burst
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.schemas.evaluation import DataQualityIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features.feature_refresh import refresh_symbols
from quant_ml_platform.services.features.feature_service import FeatureService
from quant_ml_platform.services.features.feature_store import feature_matrix, ref
from quant_ml_platform.services.features.value_quality import PRODUCER
from quant_shared.data_quality import QualityFinding
from quant_shared.enums import DataQualityCheck, DataQualityDataset, Severity
from quant_shared.errors import ValidationProblem

MIN_WINDOW = 10


def _drift(m: dict, body: DataQualityIn, serving: list[datetime]) -> list[QualityFinding]:
    if m["psi"] <= body.psi_threshold:
        return []
    severity = Severity.ERROR if m["psi"] > 2 * body.psi_threshold else Severity.WARNING
    message = f"PSI {m['psi']:.3f} above {body.psi_threshold}"
    return [
        QualityFinding(
            check=DataQualityCheck.DRIFT,
            severity=severity,
            start=serving[0],
            end=serving[-1],
            details={"psi": m["psi"], "ks_statistic": m["ks_statistic"], "ks_p_value": m["ks_p_value"]},
            message=message,
        )
    ]


async def check_feature(
    owner_id: str, body: DataQualityIn, bars: BarsClient | None = None
) -> tuple[dict, list[DataQualityEvent]]:
    if body.training_start and body.training_start >= body.training_end:
        raise ValidationProblem.field("body.training_start", "must be before training_end")
    version = (await FeatureService(owner_id).resolve([body.feature], "body.feature"))[0]
    name = ref(version)
    await refresh_symbols([version], [body.symbol], bars)
    matrix = await feature_matrix([version], body.symbol, body.training_start, body.serving_end)
    if matrix.empty:
        raise ValidationProblem.field("body.symbol", f"no materialized values of {name} for {body.symbol}")
    series = matrix[name]
    cut = int(body.training_end.timestamp() * 1000)
    training, serving = series[series.index <= cut].to_numpy(), series[series.index > cut].to_numpy()
    train_ok, serve_ok = training[~np.isnan(training)], serving[~np.isnan(serving)]
    if len(train_ok) < MIN_WINDOW or len(serve_ok) < MIN_WINDOW:
        raise ValidationProblem.field("body.training_end", f"each window needs {MIN_WINDOW} present values")
    ks_stat, ks_p = ks(train_ok, serve_ok)
    values = series.to_numpy()
    m = {
        "training_rows": len(training),
        "serving_rows": len(serving),
        "longest_nan_run": nan_burst(values),
        "longest_constant_run": constant_run(values),
        "psi": psi(train_ok, serve_ok),
        "ks_statistic": ks_stat,
        "ks_p_value": ks_p,
    }
    stamps = [datetime.fromtimestamp(int(ms) / 1000, UTC) for ms in series.index]
    limits = {"max_nan_run": body.max_nan_run, "max_constant_run": body.max_constant_run}
    findings = FeatureValue.check_quality({"timestamp": stamps, "value": values}, **limits)
    findings += _drift(m, body, [t for t in stamps if t.timestamp() * 1000 > cut])
    subject = {
        "dataset": DataQualityDataset.FEATURE_VALUES,
        "symbol": body.symbol,
        "series": name,
        "owner_id": owner_id,
    }
    events = [DataQualityEvent.announced(f, PRODUCER, subject) for f in findings]
    if events:
        await DataQualityEvent.insert_many(events)
    return m, events
