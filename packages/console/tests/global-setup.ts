// Start an all-in-one platform (embedded FerretDB, temporary data folder, free ports) serving the
// console's build, seed what the tests need through the generated client, and stop it afterwards.
import { AuthService, createClient, createConfig } from "@quant-platform/client";

import { startPlatform } from "../../ts-client/scripts/platform.mjs";
import { ADMIN, USER } from "./accounts";
import { seed } from "./seed";

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
    await seed(user);
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
