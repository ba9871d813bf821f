#!/usr/bin/env bash
# Builds one stand-in image for the compose stack (deploy/compose) where no image registry is reachable:
# the Containerfile in stand-ins/<name>, on the stand-in Node base, tagged with every official name given.
# Skips the build when an image of the first name was built from the same files on the same base.
# Usage: build.sh <name> <official image name>...
set -euo pipefail
name=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
context="$here/$name"
base=docker.io/library/node:22-bookworm-slim
flags=(--runtime runc)
limits=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)

# What the image is made of: its files and the base's id.
digest=$( (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum; podman image inspect --format '{{.Id}}' "$base") |
  sha256sum | cut -c1-16)
built=$(podman "${flags[@]}" image inspect --format '{{index .Labels "vidstream.stand-in"}}' "$1" 2>/dev/null || true)
if [ "$built" = "$digest" ]; then
  for tag in "$@"; do podman tag "$1" "$tag"; done
  exit 0
fi

# npm inside the build reaches the registry through this machine's CA bundle (CONTAINERS.md).
ca=/etc/ssl/certs/ca-certificates.crt
npmrc=$(mktemp)
trap 'rm -f "$npmrc"' EXIT
echo "cafile=$ca" >"$npmrc"
tags=()
for tag in "$@"; do tags+=(-t "$tag"); done
podman "${flags[@]}" build --format docker --pull=never --network host "${limits[@]}" \
  -v "$ca:$ca:ro" -v "$npmrc:/usr/local/etc/npmrc:ro" \
  --label "vidstream.stand-in=$digest" "${tags[@]}" "$context"
