// Start an all-in-one platform (embedded FerretDB, temporary data folder, free ports) serving the
// console's build, seed what the tests need through the generated client, and stop it afterwards.
import { AuthService, createClient, createConfig, PromptGovernanceService } from "@quant-platform/client";

import { startPlatform } from "../../ts-client/scripts/platform.mjs";
import { ADMIN, PROMPT, USER } from "./accounts";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const platform = await startPlatform({ admin: ADMIN });
  try {
    const anonymous = createClient(createConfig({ baseUrl: platform.baseUrl, throwOnError: true }));
    await AuthService.register({ client: anonymous, body: USER });
    const { data: tokens } = await AuthService.login({
      client: anonymous,
      body: { username: USER.email, password: USER.password },
    });
    const user = createClient(
      createConfig({ baseUrl: platform.baseUrl, throwOnError: true, auth: () => tokens.access_token }),
    );
    // A prompt version written by the user and submitted: the admin's review queue holds it.
    await PromptGovernanceService.createPrompt({ client: user, body: PROMPT });
    await PromptGovernanceService.submitPromptVersion({ client: user, path: { name: PROMPT.name, version: 1 } });
  } catch (error) {
    await platform.stop();
    throw error;
  }
  process.env.PLATFORM_URL = platform.baseUrl;
  return async () => {
    const { databaseStillUp } = await platform.stop();
    if (databaseStillUp) throw new Error("the embedded FerretDB is still up after the platform stopped");
  };
}
