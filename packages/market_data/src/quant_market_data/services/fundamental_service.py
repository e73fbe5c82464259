"""Fundamentals: idempotent upload (one record per symbol, period and fiscal date) and queries."""

from datetime import UTC, datetime, time

from quant_market_data.models import Fundamental
from quant_market_data.schemas.fundamental import FundamentalIn
from quant_shared.enums import FundamentalPeriod
from quant_shared.errors import ValidationProblem


def _fiscal(item: FundamentalIn) -> datetime:
    return datetime.combine(item.fiscal_date, time(), tzinfo=UTC)


def _out(doc: Fundamental) -> dict:
    data = doc.model_dump(exclude={"id", "revision_id", "created_at", "updated_at"})
    data["fiscal_date"] = doc.fiscal_date.date()
    return data


async def upsert_fundamentals(symbol: str, items: list[FundamentalIn]) -> dict:
    keys = [(i.period, i.fiscal_date) for i in items]
    dupes = sorted({f"{p.value} {d}" for n, (p, d) in enumerate(keys) if (p, d) in keys[:n]})
    if dupes:
        errors = [{"field": "body.items", "message": f"duplicate period {d}"} for d in dupes]
        raise ValidationProblem("duplicate fiscal periods in the upload", errors=errors)
    inserted = updated = 0
    for item in items:
        fields = item.model_dump()
        fields["fiscal_date"] = _fiscal(item)
        existing = await Fundamental.find_one(
            {"symbol": symbol, "period": item.period.value, "fiscal_date": fields["fiscal_date"]}
        )
        if existing is None:
            await Fundamental(symbol=symbol, **fields).insert()
            inserted += 1
        else:
            await existing.set(fields)
            updated += 1
    return {"symbol": symbol, "received": len(items), "inserted": inserted, "updated": updated}


async def list_fundamentals(symbol: str, period: FundamentalPeriod | None, limit: int) -> list[dict]:
    query: dict = {"symbol": symbol}
    if period is not None:
        query["period"] = period.value
    docs = await Fundamental.find(query).sort([("fiscal_date", -1)]).limit(limit).to_list()
    return [_out(d) for d in docs]
