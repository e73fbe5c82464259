"""Predictions of an ML platform model over HTTP (``/ml/models/{name}/signals``)."""

from datetime import datetime
from typing import Any
from urllib.parse import quote

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval, SignalType
from quant_shared.errors import ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError
from quant_shared.timeutil import as_utc

ML_PLATFORM = "ml_platform"


class MlSignalClient:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def signals(
        self,
        model: str,
        symbol: str,
        interval: DataInterval,
        start: datetime | None,
        end: datetime | None,
        field: str = "body.ml_model",
    ) -> list[dict[str, Any]]:
        """``[{"timestamp": epoch ms, "signal": SignalType, "confidence": float}]`` sorted by time."""
        params: dict[str, Any] = {"symbol": symbol, "interval": interval.value}
        if start is not None:
            params["start"] = start.isoformat()
        if end is not None:
            params["end"] = end.isoformat()
        path = f"/ml/models/{quote(model, safe='')}/signals"
        try:
            body = await self.clients.get_json(ML_PLATFORM, path, principal=self.principal, params=params)
        except UpstreamError as exc:
            if exc.status in (404, 422):
                raise ValidationProblem.field(field, f"ML model {model!r}: {exc.detail}") from exc
            raise
        out = []
        for item in body.get("items", []):
            stamp = as_utc(datetime.fromisoformat(str(item["timestamp"]).replace("Z", "+00:00")))
            out.append(
                {
                    "timestamp": int(stamp.timestamp() * 1000),
                    "signal": SignalType(item["signal"]),
                    "confidence": float(item.get("confidence") or 0.0),
                }
            )
        out.sort(key=lambda x: x["timestamp"])
        return out


def align_signals(timestamps: list[int], predictions: list[dict[str, Any]]) -> list[int]:
    """Per bar: +1 buy, -1 sell, 0 hold, using the latest prediction at or before the bar."""
    out, j, current = [], 0, 0
    for ts in timestamps:
        while j < len(predictions) and predictions[j]["timestamp"] <= ts:
            signal = predictions[j]["signal"]
            current = 1 if signal == SignalType.BUY else -1 if signal == SignalType.SELL else 0
            j += 1
        out.append(current)
    return out
