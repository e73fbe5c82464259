#!/usr/bin/env bash
# Create the Ed25519 token key pair used by the compose deployment (kept out of git).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
[ -f secrets/jwt_private.pem ] || openssl genpkey -algorithm ed25519 -out secrets/jwt_private.pem
openssl pkey -in secrets/jwt_private.pem -pubout -out secrets/jwt_public.pem
chmod 600 secrets/jwt_private.pem
echo "keys in $(pwd)/secrets"
