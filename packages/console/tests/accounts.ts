// The identities, the seeded prompt and model name the browser tests use.
export const ADMIN = { email: "admin@example.com", password: "Admin-passw0rd-for-console" };
export const USER = { email: "trader@example.com", password: "Trader-passw0rd-1", display_name: "Trader" };
export const PROMPT = {
  name: "console-review-check",
  description: "Summary of a backtest for the weekly report.",
  template: "Summarize the backtest {{ name }} in three sentences.",
  variables_schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
  changelog: "First version.",
};

export const MODEL = "console-clf";
export const ACCESS_TOKEN_SECONDS = 30; // the platform's shortest access-token lifetime

export function platformUrl(): string {
  const url = process.env.PLATFORM_URL;
  if (!url) throw new Error("PLATFORM_URL is not set: run the tests through playwright.config.ts");
  return url;
}
