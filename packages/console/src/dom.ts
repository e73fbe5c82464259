// A tiny DOM builder: h("tag.class", { attributes, on: { event } }, ...children). Text is always set as
// text (never parsed as HTML).

type Child = Node | string | number | null | undefined | false | Child[];
type Handlers = Record<string, (event: Event) => unknown>;
type Attrs = { on?: Handlers; [name: string]: string | number | boolean | null | undefined | Handlers };

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) child.forEach((c) => append(parent, c));
  else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function h(spec: string, attrs: Attrs | null = null, ...children: Child[]): HTMLElement {
  const [tag, ...classes] = spec.split(".");
  const el = document.createElement(tag || "div");
  if (classes.length) el.className = classes.join(" ");
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === "on") {
      for (const [event, handler] of Object.entries(value as Handlers)) {
        el.addEventListener(event, handler);
      }
    } else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A value in a table cell: numbers rounded, objects as compact JSON. */
export function fmt(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace(/\.?0+$/, "");
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Parameters as "name value" pairs: { fast: 5, slow: 50 } -> "fast 5, slow 50". */
export function params(values: Record<string, unknown> | null | undefined): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => `${name} ${fmt(value)}`)
    .join(", ");
}

export function pct(value: unknown): string {
  return typeof value === "number" ? `${(value * 100).toFixed(2)} %` : fmt(value);
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "";
}

/** A table of rows; `columns` maps a header to the cell of a row. */
export function table<T>(rows: T[], columns: Record<string, (row: T) => Child>, empty = "Nothing yet."): HTMLElement {
  if (!rows.length) return h("p.empty", null, empty);
  return h(
    "table",
    null,
    h("thead", null, h("tr", null, Object.keys(columns).map((name) => h("th", null, name)))),
    h("tbody", null, rows.map((row) => h("tr", null, Object.values(columns).map((cell) => h("td", null, cell(row)))))),
  );
}

export function link(href: string, text: string): HTMLElement {
  return h("a", { href }, text);
}

/** A form field with its label; returns the labelled element, the control is `control`. */
export function field(label: string, control: HTMLElement): HTMLElement {
  return h("label.field", null, h("span", null, label), control);
}
