"""Data-quality run results (events use the shared ``DataQualityEventOut``)."""

from quant_shared.schema import BaseSchema


class QualityRunResult(BaseSchema):
    series: int
    events: int
