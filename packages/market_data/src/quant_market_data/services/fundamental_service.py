"""Fundamentals: idempotent upload (one record per symbol, period and fiscal date) and queries."""

from datetime import UTC, datetime, time

from pydantic import ValidationError

from quant_market_data.models import Fundamental
from quant_market_data.schemas.fundamental import FundamentalIn
from quant_market_data.services.csv_rows import csv_rows
from quant_market_data.services.fundamental_quality import check_fundamentals
from quant_shared.enums import FundamentalPeriod
from quant_shared.errors import ValidationProblem, field_errors
from quant_shared.events.outbox_relay import OutboxRelay


def _fiscal(item: FundamentalIn) -> datetime:
    return datetime.combine(item.fiscal_date, time(), tzinfo=UTC)


def _out(doc: Fundamental) -> dict:
    data = doc.model_dump(exclude={"id", "revision_id", "created_at", "updated_at"})
    data["fiscal_date"] = doc.fiscal_date.date()
    return data


async def upsert_fundamentals(
    symbol: str, items: list[FundamentalIn], outbox: OutboxRelay | None = None
) -> dict:
    """Insert or update each fiscal period, then check the symbol's series; ``outbox``: the app's relay,
    which sends the quality findings' events before the answer."""
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
    findings = await check_fundamentals(symbol, {item.period for item in items})
    if findings and outbox is not None:
        await outbox.send_now()
    return {
        "symbol": symbol,
        "received": len(items),
        "inserted": inserted,
        "updated": updated,
        "quality_events": len(findings),
    }


async def list_fundamentals(symbol: str, period: FundamentalPeriod | None, limit: int) -> list[dict]:
    query: dict = {"symbol": symbol}
    if period is not None:
        query["period"] = period.value
    docs = await Fundamental.find(query).sort([("fiscal_date", -1)]).limit(limit).to_list()
    return [_out(d) for d in docs]


def fundamentals_from_csv(data: bytes) -> list[FundamentalIn]:
    """The rows of a fundamentals CSV, validated whole: a 422 naming every bad row's field, or all."""
    rows = csv_rows(data, required=("period", "fiscal_date"))
    items, errors = [], []
    for number, row in enumerate(rows, start=1):
        try:
            items.append(FundamentalIn.model_validate({k: v for k, v in row.items() if v not in ("", None)}))
        except ValidationError as exc:
            for err in field_errors(exc.errors()):
                errors.append({**err, "field": f"file.row.{number}.{err['field']}", "row": number})
    if errors:
        raise ValidationProblem(
            f"{len({e['row'] for e in errors})} invalid rows; nothing was written", errors
        )
    if not items:
        raise ValidationProblem.field("file", "the upload holds no rows")
    return items
