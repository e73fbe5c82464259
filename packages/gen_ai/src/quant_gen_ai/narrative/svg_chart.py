"""Inline SVG line/area charts (no plotting library; the html report embeds them)."""

from html import escape


def _scale(values: list[float], lo: float, hi: float, size: float, pad: float) -> list[float]:
    span = (hi - lo) or 1.0
    return [pad + (size - 2 * pad) * (1 - (v - lo) / span) for v in values]


def line_chart(
    title: str,
    labels: list[str],
    values: list[float],
    *,
    width: int = 640,
    height: int = 200,
    area: bool = False,
) -> str:
    """An SVG element: a polyline (optionally a filled area to zero) with min/max and date labels."""
    if len(values) < 2:
        return f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}"></svg>'
    lo, hi = min(values), max(values)
    if area:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    left, pad = 70.0, 20.0
    step = (width - left - pad) / (len(values) - 1)
    xs = [left + i * step for i in range(len(values))]
    ys = _scale(values, lo, hi, height, pad)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=False))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="14" font-size="12" font-family="sans-serif">{escape(title)}</text>',
        f'<line x1="{left}" y1="{pad}" x2="{left}" y2="{height - pad}" stroke="#888"/>',
    ]
    if area:
        zero = _scale([0.0], lo, hi, height, pad)[0]
        poly = f"{xs[0]:.1f},{zero:.1f} {points} {xs[-1]:.1f},{zero:.1f}"
        parts.append(f'<polygon points="{poly}" fill="#e4572e" fill-opacity="0.35" stroke="#e4572e"/>')
    else:
        parts.append(f'<polyline points="{points}" fill="none" stroke="#2e86de" stroke-width="1.5"/>')
    for value, y in ((hi, pad), (lo, height - pad)):
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
            f'font-family="sans-serif">{value:,.2f}</text>'
        )
    if labels:
        for label, x, anchor in ((labels[0], xs[0], "start"), (labels[-1], xs[-1], "end")):
            parts.append(
                f'<text x="{x:.1f}" y="{height - 4}" font-size="10" text-anchor="{anchor}" '
                f'font-family="sans-serif">{escape(str(label)[:10])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
