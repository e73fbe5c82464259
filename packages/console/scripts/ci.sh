#!/usr/bin/env bash
# CI of the web console: install from the lockfile, strict build (TypeScript, then Vite), the
# production bundle's gzipped size against its budget, then the browser tests (Playwright on the
# system's Chromium; the tests start their own platform and stop it).
# Usage: packages/console/scripts/ci.sh   (from anywhere; needs pnpm, node >= 20.19, hatch, chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
  echo "Chromium not found: apt-get install -y chromium (or set CHROMIUM to its path)" >&2
  exit 1
fi
export CHROMIUM
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 # the system browser is used, never a downloaded one

step "pnpm install --frozen-lockfile"
pnpm install --frozen-lockfile

step "strict build (pnpm build: tsc, then vite build)"
pnpm build

step "bundle size, gzipped (budget 500 kB)"
node scripts/bundle-size.mjs

step "browser tests ($("$CHROMIUM" --version 2>/dev/null | head -1))"
started=$(date +%s)
pnpm exec playwright test
echo "browser tests: $(( $(date +%s) - started )) s; screenshots in ${ARTIFACTS_DIR:-$PWD/artifacts}"
