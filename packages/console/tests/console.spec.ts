// The console against a running platform: sign in, a backtest and its charts, an optimization's heat
// map, an admin approving a prompt version, a user denied the admin pages; problems shown in full.
// The tests share one platform and run in file order (one worker): later ones read what earlier made.
import { ACCESS_TOKEN_SECONDS, ADMIN, MODEL, platformUrl, PROMPT, USER } from "./accounts";
import { expect, test } from "./fixtures";
import { artifact, signIn } from "./session";

const RANGES = {
  fast: { low: 5, high: 20, step: 5, integer: true },
  slow: { low: 30, high: 60, step: 10, integer: true },
};

test("a wrong password shows the problem; signing in opens the page asked for", async ({ page }) => {
  await page.goto(`${platformUrl()}/console/#/strategies`);
  await page.getByLabel("E-mail").fill(USER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const problem = page.getByRole("alert");
  await expect(problem).toHaveAttribute("data-status", "401");
  await expect(problem.locator(".problem-title")).toContainText("401");
  await expect(problem.locator("dt", { hasText: "request id" })).toBeVisible();
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Strategies and templates" })).toBeVisible();
});

test("sign in shows the dashboard", async ({ page }) => {
  await signIn(page, USER);
  await expect(page.getByTestId("watchlists")).toBeVisible();
  await expect(page.getByTestId("recent-backtests")).toBeVisible();
  await expect(page.getByTestId("running-tasks")).toBeVisible();
  await expect(page.getByRole("link", { name: "Prompt review" })).toHaveCount(0);
  const watchlists = page.getByTestId("watchlists");
  await watchlists.getByLabel("New watchlist").fill("Tech");
  await watchlists.getByLabel("Symbols").fill("AAPL, msft");
  await watchlists.getByRole("button", { name: "Add" }).click();
  await expect(watchlists.getByRole("heading", { name: "Tech" })).toBeVisible();
  await expect(watchlists.getByRole("link", { name: "MSFT" })).toHaveAttribute("href", "#/instruments/MSFT");
  await page.screenshot({ path: artifact("dashboard.png"), fullPage: true });
});

test("the session outlives its access token (refreshed before it expires)", async ({ page }) => {
  await signIn(page, USER);
  const refreshes: number[] = [];
  const logouts: number[] = [];
  page.on("response", (response) => {
    if (response.url().endsWith("/auth/refresh")) refreshes.push(response.status());
    if (response.url().endsWith("/auth/logout")) logouts.push(response.status());
  });
  await page.waitForTimeout((ACCESS_TOKEN_SECONDS + 5) * 1000); // the first token has expired
  await page.getByRole("link", { name: "Backtests" }).click();
  await expect(page.getByRole("heading", { name: "Backtests", exact: true })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(refreshes.length).toBeGreaterThan(0); // the dashboard's polling or the click refreshed it
  expect(refreshes.filter((status) => status !== 200)).toEqual([]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => logouts).toEqual([204]); // the refresh token is revoked
});

test("submit a backtest, follow it and see its charts and trades", async ({ page }) => {
  await signIn(page, USER);
  await page.getByRole("link", { name: "Backtests" }).click();
  const form = page.getByTestId("new-backtest");
  await form.getByLabel("Strategy").selectOption("type:sma_crossover");
  await form.getByLabel("Symbols").fill("AAPL");
  await form.getByRole("button", { name: "Run backtest" }).click();
  await expect(page).toHaveURL(/#\/backtests\/[0-9a-f]{24}$/);
  await expect(page.getByTestId("backtest-status")).toHaveAttribute("data-status", "completed", { timeout: 120_000 });
  await expect(page.getByTestId("kpis")).toContainText("sharpe ratio");
  for (const chart of ["equity-chart", "drawdown-chart"]) {
    const canvas = page.getByTestId(chart).locator("canvas").first();
    await expect(canvas).toBeVisible();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
  }
  await expect(page.getByTestId("trades").locator("tbody tr").first()).toBeVisible();
  await page.screenshot({ path: artifact("backtest.png"), fullPage: true });
});

test("instruments with a price chart, a strategy from a template, a narrative", async ({ page }) => {
  await signIn(page, USER);
  await page.getByRole("link", { name: "Instruments" }).click();
  await page.getByPlaceholder("Symbol or name").fill("MSFT");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "MSFT", exact: true }).click();
  await expect(page.getByTestId("price-chart").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("price-chart")).toContainText(/MSFT 1d \(\d+ bars\)/);

  await page.getByRole("link", { name: "Strategies" }).click();
  const form = page.getByTestId("new-strategy");
  await form.getByLabel("Name").fill("Console SMA");
  await form.getByRole("button", { name: "Create strategy" }).click();
  await expect(page.getByTestId("strategies")).toContainText("Console SMA");
  await expect(page.getByTestId("templates").locator("tbody tr").first()).toBeVisible();

  await page.getByRole("link", { name: "Backtests" }).click();
  await page.locator("main table tbody tr a").first().click();
  await page.getByRole("button", { name: "Write a narrative" }).click();
  await expect(page).toHaveURL(/#\/narratives\/[0-9a-f]{24}$/);
  await expect(page.getByTestId("narrative").locator("p").first()).not.toBeEmpty();
  await page.screenshot({ path: artifact("narrative.png"), fullPage: true });

  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("an ML model's versions, an alias and a deployment", async ({ page }) => {
  await signIn(page, USER);
  await page.getByRole("link", { name: "ML models" }).click();
  await page.getByRole("link", { name: MODEL }).click();
  await expect(page.getByTestId("versions").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("aliases")).toContainText("No alias set.");
  await page.getByTestId("aliases").getByLabel("Alias").selectOption("champion");
  await page.getByRole("button", { name: "Point alias" }).click();
  await expect(page.getByTestId("aliases").locator("tbody tr")).toHaveText([/champion\s*v1/]);
  const deployments = page.getByTestId("deployments");
  await deployments.getByLabel("Environment").selectOption("staging");
  await deployments.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByTestId("deployments").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("deployments")).toContainText("staging");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: artifact("model.png"), fullPage: true });
});

test("an optimization's trials sort and its heat map renders", async ({ page }) => {
  await signIn(page, USER);
  await page.getByRole("link", { name: "Optimizations" }).click();
  const form = page.getByTestId("new-optimization");
  await form.getByLabel("Strategy").selectOption("type:sma_crossover");
  await form.getByLabel("Symbol").fill("AAPL");
  await form.getByLabel("Method").selectOption("grid");
  await form.getByLabel("Max trials").fill("20");
  await form.getByRole("button", { name: "Start" }).click();
  // The template's full grid is larger than 20 trials: the 422 problem names the field.
  const problem = form.getByRole("alert");
  await expect(problem).toHaveAttribute("data-status", "422");
  await expect(problem.locator(".problem-errors li")).toContainText("body.max_trials");
  await form.getByLabel("Parameter ranges").fill(JSON.stringify(RANGES));
  await form.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/#\/optimizations\/[0-9a-f]{24}$/);
  await expect(page.getByTestId("optimization-status")).toHaveAttribute("data-status", "completed", { timeout: 150_000 });
  const cells = page.getByTestId("heatmap").locator("td.cell");
  await expect(cells).toHaveCount(16); // 4 fast x 4 slow values, every pair tried
  await expect(page.getByTestId("heatmap").locator("thead th")).toHaveText(["slow \\ fast", "5", "10", "15", "20"]);

  const trials = page.getByTestId("trials");
  const header = trials.locator("th", { hasText: "objective" });
  const column = await trials.locator("th").allTextContents();
  const index = column.findIndex((name) => name.startsWith("objective"));
  const values = async () =>
    (await trials.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents()).filter(Boolean).map(Number);
  await header.click();
  const ascending = await values();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await header.click();
  const descending = await values();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending.length).toBe(16);
  await page.screenshot({ path: artifact("optimization.png"), fullPage: true });
});

test("an admin approves a prompt version from the review queue", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Prompt review" }).click();
  const card = page.locator(`[data-testid=review][data-prompt="${PROMPT.name}"][data-version="1"]`);
  await expect(card).toContainText(PROMPT.template);
  await card.getByPlaceholder("Comment").fill("Looks right.");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("labels")).toContainText(PROMPT.name);

  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByTestId("users")).toContainText(USER.email);
  await expect(page.getByTestId("users")).toContainText(ADMIN.email);
  await page.getByRole("link", { name: "System status" }).click();
  await expect(page.getByTestId("system-status")).toHaveAttribute("data-status", /ok|degraded/);
});

test("a user is denied the admin pages", async ({ page }) => {
  await signIn(page, USER);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  for (const path of ["admin/users", "admin/prompts", "admin/system"]) {
    await page.goto(`${page.url().split("#")[0]}#/${path}`);
    await expect(page.getByTestId("denied")).toContainText("Administrators only");
  }
  await expect(page.getByTestId("users")).toHaveCount(0);
  await expect(page.getByTestId("review")).toHaveCount(0);
});
