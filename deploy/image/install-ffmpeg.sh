#!/usr/bin/env bash
# Installs Debian's ffmpeg (so security fixes keep coming from Debian) and keeps only what ffmpeg and
# ffprobe load: the packages owning the libraries they link. Their dependencies also bring GPU drivers,
# LLVM, Perl and fonts, which ffmpeg would only load for hardware acceleration or text rendering that
# VidStream never asks for; dropping them takes the layer from about 690 MB to what ffmpeg really needs.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

installed() { dpkg-query --show --showformat='${Package}\n' | sort; }

before=$(installed)
apt-get update -qq
apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
added=$(comm -13 <(echo "$before") <(installed))

# The package that owns each linked library, found by the library's real file name.
linked=$(ldd /usr/bin/ffmpeg /usr/bin/ffprobe | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | sort -u)
needed=$(
  for library in $linked; do
    dpkg-query --search "*/$(basename "$(readlink -f "$library")")" | cut -d: -f1
  done | sort -u
)
unneeded=$(comm -23 <(echo "$added") <(printf 'ffmpeg\n%s\n' "$needed" | sort -u))
# Forced: the libraries' own package dependencies still name what is removed here.
# shellcheck disable=SC2086 # one package name per word
dpkg --purge --force-depends $unneeded >/dev/null

# Refuse to build an image whose ffmpeg cannot start, or start as the worker starts it (a guest under nice
# and prlimit, server/src/media/guest-process.ts).
if ldd /usr/bin/ffmpeg /usr/bin/ffprobe | grep 'not found'; then exit 1; fi
nice -n 5 prlimit --data=4294967296 --nofile=1024 -- \
  ffmpeg -hide_banner -loglevel error -f lavfi -i testsrc2=size=64x64:duration=1 -c:v libx264 -f null -
rm -rf /var/lib/apt/lists/* /var/cache/apt/*
