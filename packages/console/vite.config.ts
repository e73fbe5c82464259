import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

// Served by the gateway at /console; the generated client is compiled from its TypeScript source.
export default defineConfig({
  base: "/console/",
  resolve: {
    alias: {
      "@quant-platform/client": fileURLToPath(new URL("../ts-client/src/index.ts", import.meta.url)),
    },
  },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { "^/(?!console)": "http://127.0.0.1:8500" } },
});
