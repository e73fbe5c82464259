import { defineConfig } from "@hey-api/openapi-ts";

// One service class per OpenAPI tag (BacktestsService, MlModelsService, ...), static methods named
// after the operation (operation ids are "{tag}-{function}"; the tag part is dropped).
export default defineConfig({
  input: "./openapi.json",
  output: { path: "./src/client" },
  plugins: [
    { name: "@hey-api/client-fetch", throwOnError: true },
    { name: "@hey-api/typescript" },
    {
      name: "@hey-api/sdk",
      operations: {
        strategy: "byTags",
        methods: "static",
        containerName: "{{name}}Service",
        methodName: (name: string): string => name.replace(/^[^-]*-/, ""),
      },
    },
  ],
});
