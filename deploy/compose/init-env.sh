#!/bin/sh
# Creates .env beside this script from .env.example, with fresh random secrets and passwords.
# Refuses to touch an existing .env: its secrets sign sessions and unlock the stored data.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
target="$here/.env"
if [ -e "$target" ]; then
  echo "$target already exists; remove it first if you really want new secrets." >&2
  exit 1
fi

# Hex, so a value is safe inside a URL (DATABASE_URL) and in sed.
random_hex() {
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}

umask 077
cp "$here/.env.example" "$target.tmp"
for name in SESSION_SECRET METRICS_TOKEN POSTGRES_PASSWORD MINIO_ROOT_PASSWORD S3_SECRET_ACCESS_KEY; do
  sed "s/^$name=.*/$name=$(random_hex)/" "$target.tmp" >"$target.tmp2"
  mv "$target.tmp2" "$target.tmp"
done
mv "$target.tmp" "$target"
echo "Wrote $target. Review PUBLIC_HOST and the rest, then: docker compose up -d --build"
