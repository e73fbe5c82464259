"""Feature data quality: NaN bursts, constant stretches, drift (PSI and KS), stored as events."""

import numpy as np

from quant_ml_platform.engine.drift import constant_run, ks, nan_burst, psi
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.schemas.evaluation import DataQualityIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features.feature_refresh import refresh_symbols
from quant_ml_platform.services.features.feature_service import FeatureService
from quant_ml_platform.services.features.feature_store import feature_matrix, ref
from quant_shared.enums import DataQualityCheck, Severity
from quant_shared.errors import ValidationProblem

MIN_WINDOW = 10


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
    m = {
        "training_rows": len(training),
        "serving_rows": len(serving),
        "longest_nan_run": nan_burst(series.to_numpy()),
        "longest_constant_run": constant_run(series.to_numpy()),
        "psi": psi(train_ok, serve_ok),
        "ks_statistic": ks_stat,
        "ks_p_value": ks_p,
    }
    findings = []
    if m["longest_nan_run"] > body.max_nan_run:
        findings.append(
            (DataQualityCheck.NAN_BURST, Severity.WARNING, f"{m['longest_nan_run']} missing values in a row")
        )
    if m["longest_constant_run"] > body.max_constant_run:
        findings.append(
            (
                DataQualityCheck.CONSTANT,
                Severity.WARNING,
                f"{m['longest_constant_run']} identical values in a row",
            )
        )
    if m["psi"] > body.psi_threshold:
        severity = Severity.ERROR if m["psi"] > 2 * body.psi_threshold else Severity.WARNING
        findings.append((DataQualityCheck.DRIFT, severity, f"PSI {m['psi']:.3f} above {body.psi_threshold}"))
    events = [
        DataQualityEvent(
            owner_id=owner_id,
            feature_version_id=version.id,
            feature_ref=name,
            symbol=body.symbol,
            check=check,
            severity=severity,
            message=message,
            measurements=m,
        )
        for check, severity, message in findings
    ]
    for event in events:
        await event.insert()
    return m, events
