// Start an all-in-one platform (embedded FerretDB, temporary data folder, free ports) serving the
// console's build, seed what the tests need through the generated client, and stop it afterwards.
// Access tokens live ACCESS_TOKEN_SECONDS there, so the tests also cover the console's token refresh.
import { AuthService, createClient, createConfig } from "@quant-platform/client";

import { startPlatform } from "../../ts-client/scripts/platform.mjs";
import { ACCESS_TOKEN_SECONDS, ADMIN, USER } from "./accounts";
import { seed } from "./seed";

export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env.QUANT_USER_ACCESS_TOKEN_TTL_SECONDS = String(ACCESS_TOKEN_SECONDS);
  const platform = await startPlatform({ admin: ADMIN });
  try {
    const anonymous = createClient(createConfig({ baseUrl: platform.baseUrl, throwOnError: true }));
    await AuthService.register({ client: anonymous, body: USER });
    let token = { value: "", at: 0 };
    const fresh = async () => {
      if (Date.now() - token.at > (ACCESS_TOKEN_SECONDS * 1000) / 2) {
        const { data } = await AuthService.login({
          client: anonymous,
          body: { username: USER.email, password: USER.password },
        });
        token = { value: data.access_token, at: Date.now() };
      }
      return token.value;
    };
    await seed(createClient(createConfig({ baseUrl: platform.baseUrl, throwOnError: true, auth: fresh })));
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
