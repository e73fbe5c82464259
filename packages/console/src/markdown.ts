// A small Markdown renderer for narratives: headings, paragraphs, bullet and numbered lists, bold,
// italics (*x* or _x_) and inline code. It builds DOM nodes from text, so nothing in the text runs as HTML.
import { h } from "./dom";

function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const pattern = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|\b_[^_\s][^_]*_\b|`[^`]+`)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    out.push(text.slice(last, match.index));
    if (token.startsWith("**")) out.push(h("strong", null, token.slice(2, -2)));
    else if (token.startsWith("`")) out.push(h("code", null, token.slice(1, -1)));
    else out.push(h("em", null, token.slice(1, -1)));
    last = (match.index ?? 0) + token.length;
  }
  out.push(text.slice(last));
  return out;
}

export function markdown(source: string): HTMLElement {
  const root = h("div.markdown");
  let list: HTMLElement | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) root.append(h("p", null, inline(paragraph.join(" "))));
    paragraph = [];
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) {
      flush();
      list = null;
    } else if (heading) {
      flush();
      list = null;
      root.append(h(`h${Math.min((heading[1] ?? "#").length + 1, 6)}`, null, inline(heading[2] ?? "")));
    } else if (bullet || numbered) {
      flush();
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        list = h(tag);
        root.append(list);
      }
      list.append(h("li", null, inline((bullet ?? numbered)?.[1] ?? "")));
    } else {
      list = null;
      paragraph.push(line);
    }
  }
  flush();
  return root;
}
