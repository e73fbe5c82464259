import "./style.css";

import { isAdmin, loadUser, session, signedIn, signOut } from "./api";
import { h, replace } from "./dom";
import { adminPromptsView } from "./pages/admin-prompts";
import { adminSystemView } from "./pages/admin-system";
import { adminUsersView } from "./pages/admin-users";
import { backtestView } from "./pages/backtest";
import { backtestsView } from "./pages/backtests";
import { dashboardView } from "./pages/dashboard";
import { instrumentView, instrumentsView } from "./pages/instruments";
import { modelView, modelsView } from "./pages/models";
import { narrativeView, narrativesView } from "./pages/narratives";
import { optimizationView } from "./pages/optimization";
import { optimizationsView } from "./pages/optimizations";
import { signInView } from "./pages/signin";
import { strategiesView } from "./pages/strategies";
import { problemView } from "./problem";
import { type Cleanup, match, type Route } from "./router";

const routes: Route[] = [
  { path: "/", title: "Dashboard", view: dashboardView },
  { path: "/instruments", title: "Instruments", view: instrumentsView },
  { path: "/instruments/:symbol", title: "Instrument", view: instrumentView },
  { path: "/strategies", title: "Strategies", view: strategiesView },
  { path: "/backtests", title: "Backtests", view: backtestsView },
  { path: "/backtests/:id", title: "Backtest", view: backtestView },
  { path: "/optimizations", title: "Optimizations", view: optimizationsView },
  { path: "/optimizations/:id", title: "Optimization", view: optimizationView },
  { path: "/models", title: "ML models", view: modelsView },
  { path: "/models/:name", title: "ML model", view: modelView },
  { path: "/narratives", title: "Narratives", view: narrativesView },
  { path: "/narratives/:id", title: "Narrative", view: narrativeView },
  { path: "/admin/prompts", title: "Prompt review", view: adminPromptsView, admin: true },
  { path: "/admin/users", title: "Users", view: adminUsersView, admin: true },
  { path: "/admin/system", title: "System status", view: adminSystemView, admin: true },
];

const NAV: [string, string][] = [
  ["#/", "Dashboard"],
  ["#/instruments", "Instruments"],
  ["#/strategies", "Strategies"],
  ["#/backtests", "Backtests"],
  ["#/optimizations", "Optimizations"],
  ["#/models", "ML models"],
  ["#/narratives", "Narratives"],
];
const ADMIN_NAV: [string, string][] = [
  ["#/admin/prompts", "Prompt review"],
  ["#/admin/users", "Users"],
  ["#/admin/system", "System status"],
];

const app = document.getElementById("app") as HTMLElement;
let cleanup: Cleanup | void;
let generation = 0;

function shell(main: HTMLElement): HTMLElement {
  const current = location.hash || "#/";
  const active = (href: string) => current === href || (href !== "#/" && current.startsWith(`${href}/`));
  const item = ([href, text]: [string, string]) => h("a", { href, class: active(href) ? "active" : null }, text);
  return h(
    "div.shell",
    null,
    h(
      "nav",
      { "aria-label": "Main" },
      h("div.brand", null, "Quant Platform"),
      NAV.map(item),
      isAdmin() ? [h("div.nav-section", null, "Admin"), ADMIN_NAV.map(item)] : null,
      h(
        "div.account",
        null,
        h("span", { "data-testid": "user" }, session.user?.email ?? ""),
        h("button.link", { type: "button", on: { click: signOut } }, "Sign out"),
      ),
    ),
    main,
  );
}

async function render(): Promise<void> {
  const mine = ++generation;
  if (cleanup) cleanup();
  cleanup = undefined;
  if (!signedIn() || location.hash === "#/signin") {
    if (signedIn()) return void (location.hash = "#/");
    replace(app, signInView(location.hash && location.hash !== "#/signin" ? location.hash : "#/"));
    return;
  }
  if (!session.user) {
    try {
      await loadUser();
    } catch {
      return signOut();
    }
  }
  const found = match(routes, location.hash);
  const main = h("main");
  replace(app, shell(main));
  if (!found) {
    replace(main, h("h1", null, "Not found"), h("p", null, `No page at ${location.hash}.`));
    return;
  }
  document.title = `${found.route.title} - Quant Platform`;
  if (found.route.admin && !isAdmin()) {
    const who = session.user?.email ?? "This account";
    replace(
      main,
      h("h1", null, found.route.title),
      h(
        "div.problem",
        { role: "alert", "data-testid": "denied" },
        h("strong.problem-title", null, "Administrators only"),
        h("p", null, `${who} is not an administrator; ask one for the admin role.`),
      ),
    );
    return;
  }
  try {
    const done = await found.route.view(main, found.params);
    if (mine === generation) cleanup = done;
    else if (done) done(); // the user moved on while the page was loading
  } catch (error) {
    main.append(problemView(error));
  }
}

window.addEventListener("hashchange", () => void render());
void render();
