#!/usr/bin/env bash
# Each domain without the others: a fresh virtual environment installed from uv.lock holding only
# quant-shared, that one domain package and the workspace's `dev` dependency group (pytest,
# pytest-asyncio, ...), then that package's tests.
#
#   deploy/ci/isolated_domain_tests.sh                 # every domain
#   deploy/ci/isolated_domain_tests.sh trading user    # some of them
#
# Fails when a domain imports another domain, relies on a package it does not declare, or when a
# pyproject.toml changed and uv.lock was not updated (`uv lock`). Needs uv (`pip install uv`).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
domains=("$@")
[ ${#domains[@]} -gt 0 ] || domains=(trading market_data ml_platform gen_ai user)
python_version=${PYTHON_VERSION:-3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for domain in "${domains[@]}"; do
  [ -d "packages/$domain" ] || { echo "unknown domain: $domain" >&2; exit 2; }
  venv="$work/$domain"
  package="quant-${domain//_/-}"
  echo "== $domain: fresh environment from uv.lock with quant-shared + $package only"
  UV_PROJECT_ENVIRONMENT="$venv" uv sync -q --locked --python "$python_version" --package "$package" --group dev
  others=$(VIRTUAL_ENV="$venv" uv pip list 2>/dev/null | grep -E '^quant-' | awk '{print $1}' | paste -sd' ')
  echo "   installed workspace packages: $others"
  if ! (cd "$root" && "$venv/bin/python" -m pytest "packages/$domain/tests" -q -p no:cacheprovider); then
    echo "== $domain: FAILED in isolation"
    status=1
  fi
done
exit "$status"
