// Export the unified OpenAPI document of the platform (all-in-one app) to ./openapi.json.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..");
const doc = execFileSync("hatch", ["run", "quant", "openapi"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
JSON.parse(doc.toString());
writeFileSync(resolve(here, "..", "openapi.json"), doc);
console.log("openapi.json written");
