// End to end through the generated client against a running platform (started and stopped here):
// first admin, registration, login, strategy, backtest task on the seeded demo bars, KPIs, problems.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  AdminUsersService,
  AuthService,
  BacktestsService,
  createClient,
  createConfig,
  MarketDataService,
  StrategiesService,
  SystemService,
} from "../dist/index.js";
import { startPlatform } from "../scripts/platform.mjs";

const ADMIN = { email: "admin@example.com", password: "Admin-passw0rd-for-tests" };
const USER = { email: "trader@example.com", password: "Trader-passw0rd-1", display_name: "Trader" };
const FINAL = new Set(["completed", "failed", "cancelled"]);

let platform;

before(async () => {
  platform = await startPlatform({ admin: ADMIN });
}, { timeout: 300_000 });

after(async () => {
  if (platform) {
    const { databaseStillUp } = await platform.stop();
    assert.equal(databaseStillUp, false, "the embedded FerretDB stops with the platform");
  }
}, { timeout: 120_000 });

/** A client of its own per identity: base URL of the running platform, bearer token if any. */
function clientFor(token) {
  return createClient(createConfig({ baseUrl: platform.baseUrl, throwOnError: true, auth: () => token }));
}

async function login(email, password) {
  const { data } = await AuthService.login({ client: clientFor(), body: { username: email, password } });
  assert.equal(data.token_type.toLowerCase(), "bearer");
  return data.access_token;
}

test("health, first admin, user, strategy, backtest task and its KPIs", { timeout: 300_000 }, async () => {
  const anonymous = clientFor();
  const { data: health } = await SystemService.health({ client: anonymous });
  assert.equal(health.status, "ok");

  const admin = clientFor(await login(ADMIN.email, ADMIN.password));
  const { data: users } = await AdminUsersService.listUsers({ client: admin });
  assert.ok(users.items.some((u) => u.email === ADMIN.email));

  const { data: registered } = await AuthService.register({ client: anonymous, body: USER });
  assert.equal(registered.email, USER.email);
  const user = clientFor(await login(USER.email, USER.password));
  const { data: me } = await AuthService.me({ client: user });
  assert.equal(me.id, registered.id);

  const { data: instruments } = await MarketDataService.listInstruments({
    client: user,
    query: { limit: 10 },
  });
  const symbols = instruments.items.map((i) => i.symbol);
  assert.ok(symbols.includes("AAPL"), `demo universe seeded: ${symbols}`);

  const { data: strategy } = await StrategiesService.createStrategy({
    client: user,
    body: { name: "sma 10/30", strategy_type: "sma_crossover", parameters: { fast: 10, slow: 30 } },
  });
  const { data: accepted, response } = await BacktestsService.createBacktest({
    client: user,
    body: { strategy_id: strategy.id, symbols: ["AAPL"], interval: "1d", config: { commission: 0.001 } },
  });
  assert.equal(response.status, 202);

  let task;
  for (let i = 0; i < 600; i++) {
    ({ data: task } = await SystemService.getTask({ client: user, path: { task_id: accepted.task_id } }));
    if (FINAL.has(task.status)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(task.status, "completed", JSON.stringify(task));

  const { data: backtest } = await BacktestsService.getBacktest({
    client: user,
    path: { backtest_id: accepted.resource_id },
  });
  assert.equal(backtest.status, "completed");
  for (const kpi of ["total_return", "sharpe_ratio", "max_drawdown", "num_trades"]) {
    assert.equal(typeof backtest.metrics[kpi], "number", `${kpi} in ${JSON.stringify(backtest.metrics)}`);
    assert.ok(Number.isFinite(backtest.metrics[kpi]), kpi);
  }
});

test("errors arrive as typed problem+json bodies", { timeout: 60_000 }, async () => {
  const user = clientFor(await login(USER.email, USER.password));
  const missing = await BacktestsService.getBacktest({
    client: user,
    path: { backtest_id: "665f1c2e9b1e8a3d4c5b6a7f" },
    throwOnError: false,
  });
  assert.equal(missing.response.status, 404);
  assert.equal(missing.response.headers.get("content-type"), "application/problem+json");
  assert.equal(missing.error.status, 404);
  assert.equal(missing.error.title, "Not Found");

  const invalid = await StrategiesService.createStrategy({
    client: user,
    body: { name: "", strategy_type: "sma_crossover" },
    throwOnError: false,
  });
  assert.equal(invalid.response.status, 422);
  assert.equal(invalid.response.headers.get("content-type"), "application/problem+json");
  assert.deepEqual(invalid.error.errors.map((e) => e.field), ["body.name"]);

  const anonymous = await StrategiesService.listStrategies({ client: clientFor(), throwOnError: false });
  assert.equal(anonymous.response.status, 401);
  const forbidden = await AdminUsersService.listUsers({ client: user, throwOnError: false });
  assert.equal(forbidden.response.status, 403);
});
