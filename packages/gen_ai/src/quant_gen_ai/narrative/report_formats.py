"""A verified narrative in markdown, html (inline SVG charts) or json."""

import json
from html import escape
from typing import Any

from quant_gen_ai.narrative.markdown_html import markdown_to_html
from quant_gen_ai.narrative.svg_chart import line_chart
from quant_shared.enums import ReportFormat
from quant_shared.errors import ValidationProblem

MEDIA_TYPES = {
    ReportFormat.MARKDOWN: "text/markdown; charset=utf-8",
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.JSON: "application/json",
}


def charts_svg(series: dict[str, list]) -> list[str]:
    stamps = [str(t)[:10] for t in series.get("timestamp") or []]
    equity = [float(v) for v in series.get("equity") or []]
    drawdown = [float(v) * 100 for v in series.get("drawdown") or []]
    return [line_chart("Equity", stamps, equity), line_chart("Drawdown (%)", stamps, drawdown, area=True)]


def html_document(title: str, text: str, series: dict[str, list]) -> str:
    charts = "\n".join(f"<figure>{svg}</figure>" for svg in charts_svg(series))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>\n<article>\n{markdown_to_html(text)}\n</article>\n"
        f'<section class="charts">\n{charts}\n</section>\n</body></html>'
    )


def render_report(report: Any, fmt: ReportFormat) -> tuple[str, str]:
    """(body, media type) of a report whose number guard passed."""
    text = report.text or ""
    if fmt == ReportFormat.MARKDOWN:
        return text, MEDIA_TYPES[fmt]
    if fmt == ReportFormat.HTML:
        subject = report.facts.get("backtest") or report.facts.get("paper_run") or {}
        title = subject.get("name") or "Narrative"
        return html_document(title, text, report.series), MEDIA_TYPES[fmt]
    if fmt == ReportFormat.JSON:
        body = {
            "id": str(report.id),
            "backtest_id": report.backtest_id,
            "paper_run_id": report.paper_run_id,
            "text": text,
            "facts": report.facts,
            "series": report.series,
            "prompt": {"name": report.prompt_name, "version": report.prompt_version},
            "model": report.model,
        }
        return json.dumps(body, default=str), MEDIA_TYPES[fmt]
    raise ValidationProblem.field("query.format", "pdf is not available: no PDF renderer is installed")
