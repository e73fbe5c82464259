#!/usr/bin/env bash
# Each domain without the others: a fresh virtual environment holding only quant-shared (with its
# testing extra), that one domain package and the workspace's test tools (the root pyproject's
# default-environment dependencies: pytest, pytest-asyncio, ...), then that package's tests.
#
#   deploy/ci/isolated_domain_tests.sh                 # every domain
#   deploy/ci/isolated_domain_tests.sh trading user    # some of them
#
# Fails when a domain imports another domain or relies on a package it does not declare.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
domains=("$@")
[ ${#domains[@]} -gt 0 ] || domains=(trading market_data ml_platform gen_ai user)
python_version=${PYTHON_VERSION:-3.11}
tools=$(python3 - <<'PY'
import tomllib
with open("pyproject.toml", "rb") as f:
    deps = tomllib.load(f)["tool"]["hatch"]["envs"]["default"].get("dependencies", [])
print(" ".join(d for d in deps if not d.startswith("ruff")))
PY
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for domain in "${domains[@]}"; do
  [ -d "packages/$domain" ] || { echo "unknown domain: $domain" >&2; exit 2; }
  venv="$work/$domain"
  echo "== $domain: fresh environment with quant-shared + quant-${domain//_/-} only"
  uv venv -q -p "$python_version" "$venv"
  # shellcheck disable=SC2086
  VIRTUAL_ENV="$venv" uv pip install -q -e "shared[testing]" -e "packages/$domain" $tools
  others=$(VIRTUAL_ENV="$venv" uv pip list 2>/dev/null | grep -E '^quant-' | awk '{print $1}' | paste -sd' ')
  echo "   installed workspace packages: $others"
  if ! (cd "$root" && "$venv/bin/python" -m pytest "packages/$domain/tests" -q -p no:cacheprovider); then
    echo "== $domain: FAILED in isolation"
    status=1
  fi
done
exit "$status"
