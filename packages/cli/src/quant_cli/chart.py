"""Equity and drawdown chart written as PNG or SVG (matplotlib, no display needed)."""

from datetime import UTC, datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _times(values: list) -> list[datetime]:
    out = []
    for v in values:
        if isinstance(v, int | float):
            out.append(datetime.fromtimestamp(v / 1000, UTC))
        else:
            out.append(datetime.fromisoformat(str(v).replace("Z", "+00:00")))
    return out


def save_equity_chart(series: dict, path: Path, title: str) -> Path:
    """``series`` is ``{"timestamp": [...], "equity": [...], "drawdown": [...]}``."""
    times = _times(series["timestamp"])
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    top.plot(times, series["equity"], color="#1f77b4", linewidth=1.2)
    top.set_title(title)
    top.set_ylabel("Equity")
    top.grid(alpha=0.3)
    drawdown = [100 * d for d in series.get("drawdown", [])]
    if drawdown:
        bottom.fill_between(times, drawdown, 0, color="#d62728", alpha=0.4)
    bottom.set_ylabel("Drawdown %")
    bottom.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, format=path.suffix.lstrip(".") or "png", dpi=110)
    plt.close(fig)
    return path
