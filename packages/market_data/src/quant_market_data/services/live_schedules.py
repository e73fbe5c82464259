"""Live-bar schedules (admin): create, list, get, update, delete, validated before any write."""

from pymongo.errors import DuplicateKeyError

from quant_market_data.models.live_schedule import LiveSchedule, schedule_id
from quant_market_data.schemas.live_schedule import LiveScheduleCreate, LiveScheduleUpdate
from quant_market_data.services.instrument_service import known_symbols
from quant_shared.enums import AssetClass, MarketDataProvider
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.timeutil import utcnow


def _validate(body: LiveScheduleCreate, instrument_class: AssetClass | None) -> None:
    if body.adjusted and body.provider != MarketDataProvider.YAHOO:
        raise ValidationProblem.field("body.adjusted", "adjusted prices come from the yahoo provider only")
    crypto = "-" in body.symbol or instrument_class == AssetClass.CRYPTO
    if body.provider == MarketDataProvider.BINANCE and not crypto:
        raise ValidationProblem.field(
            "body.symbol", f"binance serves crypto pairs (BASE-QUOTE), not {body.symbol}"
        )


async def create_schedule(body: LiveScheduleCreate) -> LiveSchedule:
    known = await known_symbols([body.symbol])
    instrument = known.get(body.symbol)
    _validate(body, instrument.asset_class if instrument else None)
    now = utcnow()
    schedule = LiveSchedule(
        id=schedule_id(body.symbol, body.interval, body.provider),
        **body.model_dump(),
        clock_anchor=now,
        next_poll_at=now,
    )
    try:
        await schedule.insert()
    except DuplicateKeyError:
        raise ConflictError(f"{schedule.id} is already scheduled") from None
    return schedule


def list_schedules():
    return LiveSchedule.find({})


async def get_schedule(id_: str) -> LiveSchedule:
    schedule = await LiveSchedule.get(id_)
    if schedule is None:
        raise NotFoundError(f"No live schedule {id_}")
    return schedule


async def update_schedule(id_: str, body: LiveScheduleUpdate) -> LiveSchedule:
    schedule = await get_schedule(id_)
    changes = body.model_dump(exclude_unset=True)
    if "enabled" in changes and changes["enabled"] is None:
        raise ValidationProblem.field("body.enabled", "enabled must be true or false")
    if changes:
        changes["next_poll_at"] = utcnow()  # apply at once
        await LiveSchedule.get_pymongo_collection().update_one({"_id": schedule.id}, {"$set": changes})
    return await get_schedule(id_)


async def delete_schedule(id_: str) -> None:
    schedule = await get_schedule(id_)
    await LiveSchedule.get_pymongo_collection().delete_one({"_id": schedule.id})
