// Size of the production bundle (dist/) as served, gzipped: every file, then the total. Exits 1 when
// the total is over the budget (500 kB, 500,000 bytes) or when there is no build.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 500_000;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist");

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let found;
try {
  found = files(dist);
} catch {
  console.error(`no build in ${dist}: run pnpm build`);
  process.exit(1);
}
let raw = 0;
let gzipped = 0;
for (const path of found.sort()) {
  const bytes = readFileSync(path);
  const size = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += size;
  console.log(`${relative(dist, path).padEnd(40)} ${(bytes.length / 1000).toFixed(1).padStart(8)} kB  gzip ${(size / 1000).toFixed(1).padStart(7)} kB`);
}
const verdict = gzipped <= BUDGET ? "within" : "OVER";
console.log(`console bundle: ${(raw / 1000).toFixed(1)} kB, ${(gzipped / 1000).toFixed(1)} kB gzipped (${verdict} the ${BUDGET / 1000} kB budget)`);
process.exit(gzipped <= BUDGET ? 0 : 1);
