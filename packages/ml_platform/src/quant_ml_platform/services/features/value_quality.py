"""The quality checks of freshly materialized feature values (through ``FeatureValue``'s mixin): the
unresolved NaN-burst and constant-stretch events inside the written window are replaced."""

import numpy as np

from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.services.features.feature_store import ref
from quant_shared.data_quality_event import QualityEventSink
from quant_shared.enums import DataQualityCheck, DataQualityDataset

PRODUCER = "ml_platform"


async def check_written_values(version: FeatureVersion, symbol: str, rows: list[dict]) -> int:
    """Check the rows one materialization wrote; returns the number of findings stored."""
    if not rows:
        return 0
    series = {
        "timestamp": [r["timestamp"] for r in rows],
        "value": np.array([np.nan if r["value"] is None else r["value"] for r in rows], dtype=float),
    }
    findings = await FeatureValue.record_quality(
        series,
        QualityEventSink(DataQualityEvent, PRODUCER),
        dataset=DataQualityDataset.FEATURE_VALUES,
        symbol=symbol,
        series=ref(version),
        owner_id=version.owner_id,
        window=(rows[0]["timestamp"], rows[-1]["timestamp"]),
        checks=(DataQualityCheck.NAN_BURST, DataQualityCheck.CONSTANT),
    )
    return len(findings)
