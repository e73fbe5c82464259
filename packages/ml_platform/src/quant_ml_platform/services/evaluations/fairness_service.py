"""Fairness audits: does a model perform alike across sectors, market-cap buckets or regimes?"""

import asyncio

import numpy as np

from quant_ml_platform.engine.fairness import disparities, group_rates
from quant_ml_platform.engine.regimes import fit_regimes
from quant_ml_platform.models.fairness_audit import FairnessAudit
from quant_ml_platform.schemas.evaluation import FairnessIn
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.evaluations.evaluation_data import pick_version, score_window
from quant_shared.enums import FairnessGrouping
from quant_shared.errors import ValidationProblem


async def _regime_groups(
    bars: BarsClient, symbols: list[str], interval, timestamps, row_symbols
) -> np.ndarray:
    labels = np.empty(len(timestamps), dtype=object)
    for symbol in symbols:
        fit = await asyncio.to_thread(fit_regimes, await bars.bars(symbol, interval, field="body.symbols"))
        by_ts = dict(zip(fit.timestamps.tolist(), (r.value for r in fit.regimes), strict=True))
        mine = row_symbols == symbol
        labels[mine] = [by_ts.get(int(t), "unknown") for t in timestamps[mine]]
    return labels.astype(str)


async def run_audit(owner_id: str, body: FairnessIn, bars: BarsClient) -> FairnessAudit:
    if body.grouping == FairnessGrouping.REGIME:
        symbols = body.symbols or list(body.groups)
        if not symbols:
            raise ValidationProblem.field("body.symbols", "a regime audit needs at least one symbol")
    else:
        symbols = list(body.groups)
        if len(set(body.groups.values())) < 2:
            raise ValidationProblem.field("body.groups", "map the symbols to at least two groups")
    version = await pick_version(owner_id, body.model, body.version)
    scored = await score_window(owner_id, bars, version, symbols, body.start, body.end)
    data = scored.data
    if body.grouping == FairnessGrouping.REGIME:
        groups = await _regime_groups(bars, symbols, version.interval, data.timestamps, data.symbols)
    else:
        groups = np.array([body.groups[s] for s in data.symbols])
    rates = group_rates(scored.up_pred > 0.5, data.next_return > 0, groups)
    gaps = disparities(rates)
    audit = FairnessAudit(
        owner_id=owner_id,
        model_name=body.model,
        version=version.version,
        model_version_id=version.id,
        grouping=body.grouping,
        start=body.start,
        end=body.end,
        threshold=body.threshold,
        groups=rates,
        disparities=gaps,
        passed=gaps["demographic_parity_difference"] <= body.threshold
        and gaps["equalized_odds_difference"] <= body.threshold,
    )
    await audit.insert()
    return audit
