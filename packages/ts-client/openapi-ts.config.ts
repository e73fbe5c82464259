import { defineConfig } from "@hey-api/openapi-ts";

// One service class per OpenAPI tag (BacktestsService, MlModelsService, ...), static methods named
// after the operation: operation ids are "{tag-slug}-{python_function}" (the function name has no
// hyphen), everything up to the last hyphen is dropped: "market-data-bars-list_bars" -> listBars.
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
        methodName: (name: string): string => name.replace(/^.*-/, ""),
      },
    },
  ],
});
