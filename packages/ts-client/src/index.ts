// Public surface of the generated client: the per-tag service classes, the types and the client config.
export * from "./client/index.js";
export { client } from "./client/client.gen.js";
// One client per identity or base URL: createClient(createConfig({ baseUrl, auth: () => token })).
export { createClient, createConfig } from "./client/client/index.js";
