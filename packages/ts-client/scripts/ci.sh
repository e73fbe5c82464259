#!/usr/bin/env bash
# CI of the TypeScript client: install, regenerate from the platform's current OpenAPI document, fail
# when the committed client (src/) differs from the regenerated one, strict build, end-to-end test.
# Usage: packages/ts-client/scripts/ci.sh   (from anywhere; needs pnpm, node >= 20.19, hatch)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "pnpm install --frozen-lockfile"
pnpm install --frozen-lockfile

step "regenerate the client (pnpm gen:client)"
pnpm gen:client

step "committed client is up to date (git diff -- src/)"
untracked=$(git ls-files --others --exclude-standard -- src/)
if ! git diff --exit-code --stat -- src/ || [ -n "$untracked" ]; then
  [ -n "$untracked" ] && printf 'untracked generated files:\n%s\n' "$untracked"
  echo "The generated client differs from the committed one: run 'pnpm gen:client' in packages/ts-client and commit src/." >&2
  exit 1
fi

step "strict build (pnpm build)"
pnpm build

step "end-to-end test against a running platform (pnpm test)"
pnpm test
