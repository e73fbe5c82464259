"""A small, safe markdown -> html converter for narrative text (headings, lists, paragraphs, emphasis)."""

import re
from html import escape

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])_(.+?)_(?![\w*])|(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)")


def _inline(text: str) -> str:
    html = _BOLD.sub(r"<strong>\1</strong>", escape(text))
    return _ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", html)


def markdown_to_html(text: str) -> str:
    """Everything is html-escaped first; only the listed markdown constructs become tags."""
    out: list[str] = []
    paragraph: list[str] = []
    in_list = False

    def flush() -> None:
        nonlocal in_list
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    for raw in text.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = re.match(r"^[-*]\s+(.*)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item:
            if paragraph:
                out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(item.group(1))}</li>")
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)
