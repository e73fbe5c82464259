// /docs renders its operations list with the network limited to the platform's own address.
import { platformUrl } from "./accounts";
import { expect, test } from "./fixtures";
import { artifact } from "./session";

test("/docs renders the operations list offline", async ({ page, blocked }) => {
  await page.goto(`${platformUrl()}/docs`);
  const operations = page.locator(".opblock");
  await expect(operations.first()).toBeVisible();
  expect(await operations.count()).toBeGreaterThan(50);
  await expect(page.locator(".opblock-tag").filter({ hasText: "Backtests" }).first()).toBeVisible();
  await expect(page.locator(".opblock-summary-path").filter({ hasText: "/backtests/{backtest_id}" }).first()).toBeVisible();
  await page.screenshot({ path: artifact("docs.png") });
  expect(blocked, "requests to hosts other than the platform").toEqual([]);
});
