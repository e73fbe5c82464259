// Hash routes (#/backtests/<id>): the gateway serves one static page; the fragment picks the view.
export type Cleanup = () => void;
export type View = (root: HTMLElement, params: Record<string, string>) => Promise<Cleanup | void> | Cleanup | void;

export interface Route {
  path: string; // "/backtests/:id"
  title: string;
  view: View;
  admin?: boolean; // for administrators only (the API refuses everyone else too)
}

export function match(routes: Route[], hash: string): { route: Route; params: Record<string, string> } | null {
  const [path] = (hash.replace(/^#/, "") || "/").split("?");
  const parts = (path ?? "/").split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      const part = decodeURIComponent(parts[i] ?? "");
      if (segment.startsWith(":")) params[segment.slice(1)] = part;
      return segment.startsWith(":") || segment === part;
    });
    if (ok) return { route, params };
  }
  return null;
}

export function go(path: string): void {
  location.hash = `#${path}`;
}
