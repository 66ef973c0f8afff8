#!/usr/bin/env bash
# Runs a command with the servers the integration tests need. When KAFKA_BROKERS, MONGODB_URL,
# REDIS_URL and POSTGRES_URL are all set (CI, or servers of your own), the command runs as is.
# Otherwise scripts/services.sh brings ours up and their addresses are exported — but a variable
# you did set keeps your value.
#
#   scripts/with-services.sh mocha --config .mocharc.it.json
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 <command> [args…]" >&2
  exit 2
fi

if [[ -n ${KAFKA_BROKERS:-} && -n ${MONGODB_URL:-} && -n ${REDIS_URL:-} && -n ${POSTGRES_URL:-} ]]; then
  exec "$@"
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
preset=()
for name in KAFKA_BROKERS MONGODB_URL REDIS_URL POSTGRES_URL; do
  [[ -n ${!name:-} ]] && preset+=("$name=${!name}")
done

# `up` prints progress on stderr and the env on stdout; keep the command's stdout for the command.
"$here/services.sh" up >/dev/null
eval "$("$here/services.sh" env)"
for assignment in "${preset[@]}"; do
  export "${assignment?}"
done

exec "$@"
