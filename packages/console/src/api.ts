// The generated client, configured once for this origin and the signed-in user's bearer token. Every
// request of the console goes through the generated per-tag services (no hand-written HTTP calls).
import { AuthService, client, type UserOut } from "@quant-platform/client";

const TOKEN = "quant-console.token";

/** Where the platform's API is: the console is served at <api root>/console/. */
export const apiRoot = location.origin + location.pathname.replace(/\/console(\/.*)?$/, "");

export const session: { token: string | null; user: UserOut | null } = {
  token: sessionStorage.getItem(TOKEN),
  user: null,
};

client.setConfig({ baseUrl: apiRoot, throwOnError: true, auth: () => session.token ?? undefined });

// A rejected token (expired, user deactivated) ends the session: back to the sign-in page.
client.interceptors.response.use((response) => {
  if (response.status === 401 && session.token) {
    signOut();
  }
  return response;
});

export async function signIn(email: string, password: string): Promise<UserOut> {
  const { data } = await AuthService.login({ body: { username: email, password } });
  session.token = data.access_token;
  sessionStorage.setItem(TOKEN, data.access_token);
  return loadUser();
}

export async function loadUser(): Promise<UserOut> {
  const { data } = await AuthService.me();
  session.user = data;
  return data;
}

export function signOut(): void {
  session.token = null;
  session.user = null;
  sessionStorage.removeItem(TOKEN);
  location.hash = "#/signin";
}

export function isAdmin(): boolean {
  return session.user?.roles.includes("admin") ?? false;
}
