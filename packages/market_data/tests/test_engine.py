"""Pure computation: validation fast path, resampling alignment, the shared data-quality mixin."""

from datetime import UTC, datetime, timedelta

import numpy as np

from quant_market_data.engine.bar_validation import validate_rows
from quant_market_data.engine.columns import BarColumns
from quant_market_data.engine.fast_validation import fast_columns
from quant_market_data.engine.resample import resample
from quant_shared.data_quality import DataQualityMixin, QualityFinding, outlier_findings, robust_zscores
from quant_shared.enums import DataInterval, DataQualityCheck

ROWS = [
    {"timestamp": "2024-01-03", "open": "2", "high": "3", "low": "1", "close": "2.5", "volume": "7"},
    {
        "timestamp": "2024-01-02T00:00:00+00:00",
        "open": "1",
        "high": "2",
        "low": "1",
        "close": "2",
        "volume": "0",
    },
]


def test_fast_path_matches_row_by_row_and_sorts():
    fast = fast_columns(ROWS, DataInterval.D1)
    bars, errors = validate_rows(ROWS, DataInterval.D1, "body.bars")
    assert errors == [] and fast is not None
    assert fast.timestamp.tolist() == [1704153600000, 1704240000000] == bars.timestamp.tolist()
    assert fast.close.tolist() == [2.0, 2.5] and fast.volume.tolist() == [0.0, 7.0]
    assert fast_columns([{**ROWS[0], "high": "0.5"}], DataInterval.D1) is None  # falls back to named errors


def test_epoch_seconds_and_milliseconds_are_both_accepted():
    prices = {"open": 1, "high": 1, "low": 1, "close": 1, "volume": 1}
    rows = [{"timestamp": 1704153600, **prices}, {"timestamp": 1704240000000, **prices}]
    bars, errors = validate_rows(rows, DataInterval.D1, "body.bars")
    assert not errors and bars.timestamp.tolist() == [1704153600000, 1704240000000]


def test_weekly_resample_starts_on_monday():
    day = 86_400_000
    sunday = 1704585600000  # 2024-01-07, a Sunday
    bars = BarColumns.from_lists([sunday, sunday + day], [1, 2], [5, 6], [0.5, 1], [2, 3], [10, 20])
    weekly = resample(bars, DataInterval.D1, DataInterval.W1)
    assert weekly.timestamp.tolist() == [sunday - 6 * day, sunday + day]  # Mon 1 Jan, Mon 8 Jan
    assert weekly.volume.tolist() == [10, 20]


def test_robust_zscore_by_hand():
    # median 3, |deviations| = [2, 1, 0, 1, 97] -> MAD 1 -> z = (x - 3) / 1.4826
    values = [1.0, 2.0, 3.0, 4.0, 100.0]
    assert np.allclose(robust_zscores(values), [-2 / 1.4826, -1 / 1.4826, 0, 1 / 1.4826, 97 / 1.4826])
    stamps = [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i) for i in range(5)]
    assert [f.start for f in outlier_findings(stamps, values, threshold=10)] == [stamps[4]]


class SensorReading(DataQualityMixin):
    """Any domain's data class opts in the same way (here: no market-data concept at all)."""

    @staticmethod
    def _negative(series, context):
        bad = [t for t, v in zip(series["timestamp"], series["value"], strict=True) if v < 0]
        return [QualityFinding(check=DataQualityCheck.OUTLIER, severity="error", start=bad[0])] if bad else []

    quality_checks = (_negative,)


async def test_mixin_records_findings_through_a_sink():
    class Sink:
        async def record(self, findings, subject):
            self.got = (findings, dict(subject))
            return len(findings)

    sink = Sink()
    t = datetime(2024, 1, 1, tzinfo=UTC)
    found = await SensorReading.record_quality({"timestamp": [t], "value": [-1]}, sink, sensor="s1")
    assert found[0].start == t and sink.got[1] == {"sensor": "s1"}


def test_out_of_range_timestamps_are_named_not_crashing():
    prices = {"open": 1, "high": 1, "low": 1, "close": 1, "volume": 1}
    rows = [{"timestamp": 1e300, **prices}, {"timestamp": "9999-01-01", **prices}]
    bars, errors = validate_rows(rows, DataInterval.D1, "body.bars")
    assert len(bars) == 0 and [e["row"] for e in errors] == [0, 1]
    assert all("out of range" in e["message"] for e in errors)
