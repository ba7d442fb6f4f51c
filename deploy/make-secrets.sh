#!/usr/bin/env bash
# Makes Switchboard's production secrets ONCE, into a folder (default ./switchboard-secrets):
#
#   switchboard.env                  SWITCHBOARD_CRYPTO_KEYS, SWITCHBOARD_OPS_TOKEN_SHA256,
#                                    QUARKUS_DATASOURCE_PASSWORD, QUARKUS_FLYWAY_PASSWORD
#   operator-token                   the operators' bearer token for /admin (the service only
#                                    ever sees its SHA-256)
#   jwt-private.pem, jwt-public.pem  the dashboard's JWT key pair
#
# Every start must reuse these files: the encryption key decrypts the tenants' Twilio secrets, and
# a new one would leave them unreadable (the service then refuses to start). So this never
# overwrites: run it again and it keeps what is there. Back the folder up like a database backup.
#
# Needs openssl and sha256sum. Usage: deploy/make-secrets.sh [folder]
set -euo pipefail

dir=${1:-switchboard-secrets}
if [ -e "$dir/switchboard.env" ]; then
  echo "$dir/switchboard.env exists: keeping the secrets there (they must not change between starts)" >&2
  exit 0
fi

umask 077
mkdir -p "$dir"

token=$(openssl rand -hex 32)
printf '%s\n' "$token" > "$dir/operator-token"
digest=$(printf %s "$token" | sha256sum | cut -d' ' -f1)

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null
openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem"

# Written last, so a run cut short leaves no env file and the next run starts over.
cat > "$dir/switchboard.env.partial" <<ENV
SWITCHBOARD_CRYPTO_KEYS=k1:$(openssl rand -base64 32)
SWITCHBOARD_OPS_TOKEN_SHA256=$digest
QUARKUS_DATASOURCE_PASSWORD=$(openssl rand -hex 24)
QUARKUS_FLYWAY_PASSWORD=$(openssl rand -hex 24)
ENV
mv "$dir/switchboard.env.partial" "$dir/switchboard.env"

echo "Secrets written to $dir/ (keep it; every start uses it). Operator token: $dir/operator-token" >&2
