#!/bin/sh
# As the official image: the server runs unprivileged, and without a configuration file it accepts
# connections from the network it is on (protected mode off), where the stack's containers reach it.
set -eu
[ "$1" = valkey-server ] || exec "$@"
shift
exec setpriv --reuid=redis --regid=redis --init-groups valkey-server --protected-mode no "$@"
