#!/usr/bin/env bash
# Structural quality gates: file length, enums in one place, no domain importing another, routers without
# queries, document lists in models/, ruff.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
src=$(git ls-files -co --exclude-standard -- 'shared/src/*.py' 'packages/*/src/*.py' 'gateway/src/*.py' 'services/*.py')
every=$(git ls-files -co --exclude-standard -- '*.py')  # tests and benchmarks count too
long=$(for f in $every; do [ -f "$f" ] && n=$(wc -l <"$f") && [ "$n" -gt 200 ] && echo "  $f: $n lines"; done)
[ -n "$long" ] && { echo "gate: Python files over 200 lines:"; echo "$long"; fail=1; }
enums=$(echo "$src" | grep -v '^shared/src/quant_shared/enums/' | xargs -r grep -nE '^class [A-Za-z_]+\(.*Enum\):' || true)
[ -n "$enums" ] && { echo "gate: enums defined outside quant_shared.enums:"; echo "$enums"; fail=1; }
for d in trading market_data ml_platform gen_ai user; do
  [ -d "packages/$d/src" ] || continue
  others=$(echo trading market_data ml_platform gen_ai user gateway | tr ' ' '\n' | grep -vx "$d" | paste -sd'|')
  hits=$(grep -rnE "^\s*(from|import) quant_($others)\b" "packages/$d/src" || true)
  [ -n "$hits" ] && { echo "gate: packages/$d imports another domain:"; echo "$hits"; fail=1; }
done
# routers call services: no Beanie query or collection access in a domain's api/ (docs/conventions.md)
queries=$(grep -rnE "\b[A-Z][A-Za-z0-9_]*\.(find|find_one|find_many|find_all|get|aggregate|count|insert_many|delete_many|delete_all)\(|get_pymongo_collection|await [a-z_]+\.(save|insert|delete|replace|sync)\(\)" packages/*/src/*/api || true)
[ -n "$queries" ] && { echo "gate: database queries in api/ modules (move them to services):"; echo "$queries"; fail=1; }
doc_lists=$(grep -rnE "^DOCUMENTS\b" packages/*/src | grep -v "/models/__init__.py:" || true)
[ -n "$doc_lists" ] && { echo "gate: DOCUMENTS defined outside models/__init__.py:"; echo "$doc_lists"; fail=1; }
shared_hits=$(grep -rnE "^\s*(from|import) quant_(trading|market_data|ml_platform|gen_ai|user|gateway)\b" shared/src || true)
[ -n "$shared_hits" ] && { echo "gate: quant_shared imports a domain:"; echo "$shared_hits"; fail=1; }
if ! hatch run ruff check . >/tmp/ruff.out 2>&1; then echo "gate: ruff:"; tail -30 /tmp/ruff.out; fail=1; fi
[ "$fail" -eq 0 ] && echo "gates: all passed"
exit "$fail"
