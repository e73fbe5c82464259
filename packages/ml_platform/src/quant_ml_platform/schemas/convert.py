"""Document -> response model conversions."""

from quant_ml_platform.models.feature import Feature, FeatureVersion
from quant_ml_platform.schemas.feature import FeatureOut, FeatureVersionOut


def feature_out(doc: Feature) -> FeatureOut:
    return FeatureOut(id=str(doc.id), **doc.model_dump(exclude={"id", "revision_id", "owner_id"}))


def feature_version_out(doc: FeatureVersion) -> FeatureVersionOut:
    data = doc.model_dump(include=set(FeatureVersionOut.model_fields) - {"id"})
    return FeatureVersionOut(id=str(doc.id), **data)
