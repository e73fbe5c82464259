"""The event catalog: typed payloads in a versioned envelope, validated on both sides."""

import pytest
from pydantic import ValidationError

from quant_shared.events import (
    EVENT_PAYLOADS,
    BacktestCompleted,
    DataQualityIssueDetected,
    Event,
    MarketDataIngested,
    UserDeleted,
    make_event,
    payload_of,
)


def test_registry_names_every_cataloged_event():
    assert set(EVENT_PAYLOADS) == {
        "MarketDataIngested",
        "DataQualityIssueDetected",
        "BacktestCompleted",
        "ModelDeployed",
        "UserDeleted",
        "AccessRevoked",
        "StrategyDeleted",
        "ExperimentLinked",
        "ExperimentDeleted",
    }
    assert all(model.event_type == name for name, model in EVENT_PAYLOADS.items())


def test_envelope_round_trip_through_json():
    payload = MarketDataIngested(
        symbols=["SPY", "QQQ"], timeframe="1d", bars=504, start="2024-01-02T00:00:00Z"
    )
    event = make_event(payload, producer="market_data")
    assert event.type == "MarketDataIngested" and event.version == 1 and event.producer == "market_data"
    back = Event.model_validate_json(event.model_dump_json())
    parsed = payload_of(back)
    assert isinstance(parsed, MarketDataIngested) and parsed == payload
    assert back.payload["start"] == "2024-01-02T00:00:00Z"


def test_payloads_are_validated():
    with pytest.raises(ValidationError):
        MarketDataIngested(symbols=[], timeframe="1d")
    with pytest.raises(ValidationError):
        DataQualityIssueDetected(dataset="bars", check="gap", severity="fatal", message="x")
    bad = Event(type="BacktestCompleted", producer="trading", payload={"backtest_id": "b1"})
    with pytest.raises(ValidationError):
        payload_of(bad)  # owner_id missing
    typo = Event(type="UserDeleted", producer="user", payload={"user_id": "u1", "usr": "x"})
    with pytest.raises(ValidationError):
        payload_of(typo)
    with pytest.raises(KeyError):
        payload_of(Event(type="Unknown", producer="x"))


def test_the_trading_payload_fits_the_catalog():
    payload = {
        "backtest_id": "b1",
        "owner_id": "u1",
        "strategy_id": "s1",
        "generate_narrative": True,
        "metrics": {"sharpe": 1.2},
    }
    parsed = payload_of(Event(type="BacktestCompleted", producer="trading", payload=payload))
    assert isinstance(parsed, BacktestCompleted) and parsed.generate_narrative is True
    assert UserDeleted(user_id="u1").model_dump() == {"user_id": "u1", "deleted_by": None, "reason": None}
