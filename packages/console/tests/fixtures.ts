import { expect, test as base } from "@playwright/test";

import { onlyPlatform } from "./session";

/** Every test's page reaches the platform's own host only; a request elsewhere fails the test. */
export const test = base.extend<{ blocked: string[] }>({
  blocked: [
    async ({ page }, use) => {
      const blocked = await onlyPlatform(page);
      await use(blocked);
      expect(blocked, "requests to hosts other than the platform").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
