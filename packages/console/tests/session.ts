import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { expect, type Page } from "@playwright/test";

import { platformUrl } from "./accounts";

/** Every request of the page that leaves the platform's own host is aborted and recorded. */
export async function onlyPlatform(page: Page): Promise<string[]> {
  const host = new URL(platformUrl()).host;
  const blocked: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.host === host || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  return blocked;
}

export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${platformUrl()}/console/`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("user")).toHaveText(account.email);
}

/** Where screenshots go (ARTIFACTS_DIR, default packages/console/artifacts, git-ignored). */
export function artifact(name: string): string {
  const folder = process.env.ARTIFACTS_DIR ?? join(process.cwd(), "artifacts");
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}
