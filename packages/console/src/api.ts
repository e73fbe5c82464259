// The generated client, configured once for this origin and the signed-in user's tokens. Every request
// of the console goes through the generated per-tag services (no hand-written HTTP calls).
import { AuthService, client, type TokenPairOut, type UserOut } from "@quant-platform/client";

const STORE = "quant-console.tokens";

/** Where the platform's API is: the console is served at <api root>/console/. */
export const apiRoot = location.origin + location.pathname.replace(/\/console(\/.*)?$/, "");

interface Tokens {
  access: string;
  refresh: string;
  expiresAt: number; // epoch ms
  lifetime: number; // ms
}

function stored(): Tokens | null {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? "null") as Tokens | null;
  } catch {
    return null;
  }
}

let tokens: Tokens | null = stored();
let refreshing: Promise<string | undefined> | null = null;

export const session: { user: UserOut | null } = { user: null };

function keep(pair: TokenPairOut): void {
  const lifetime = pair.expires_in * 1000;
  tokens = { access: pair.access_token, refresh: pair.refresh_token, expiresAt: Date.now() + lifetime, lifetime };
  sessionStorage.setItem(STORE, JSON.stringify(tokens));
}

/**
 * The access token for the next request. Access tokens live minutes: shortly before this one expires
 * (the last third of its life, at most 30 s), the refresh token buys a new pair, once for all requests
 * waiting; a refused refresh ends the session.
 */
async function accessToken(): Promise<string | undefined> {
  if (!tokens) return undefined;
  if (tokens.expiresAt - Date.now() > Math.min(30_000, tokens.lifetime / 3)) return tokens.access;
  const refreshToken = tokens.refresh;
  refreshing ??= AuthService.refresh({ body: { refresh_token: refreshToken } })
    .then(({ data }) => {
      keep(data);
      return data.access_token;
    })
    .catch(() => {
      signOut();
      return undefined;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

client.setConfig({ baseUrl: apiRoot, throwOnError: true, auth: accessToken });

// A rejected token (user deactivated, roles changed) ends the session: back to the sign-in page.
client.interceptors.response.use((response) => {
  if (response.status === 401 && tokens && !response.url.endsWith("/auth/token")) signOut();
  return response;
});

export function signedIn(): boolean {
  return tokens !== null;
}

export async function signIn(email: string, password: string): Promise<UserOut> {
  const { data } = await AuthService.login({ body: { username: email, password } });
  keep(data);
  return loadUser();
}

export async function loadUser(): Promise<UserOut> {
  const { data } = await AuthService.me();
  session.user = data;
  return data;
}

/** Forget the tokens (the refresh token is revoked on the platform) and show the sign-in page. */
export function signOut(): void {
  const ending = tokens;
  tokens = null;
  session.user = null;
  sessionStorage.removeItem(STORE);
  if (ending && ending.expiresAt > Date.now()) {
    AuthService.logout({ body: { refresh_token: ending.refresh }, auth: ending.access, throwOnError: false }).catch(
      () => undefined,
    );
  }
  location.hash = "#/signin";
}

export function isAdmin(): boolean {
  return session.user?.roles.includes("admin") ?? false;
}
