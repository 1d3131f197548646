#!/bin/sh
# Bastion container entrypoint: the first argument picks what to run.
#
#   api                    the control plane (REST, Swagger, /healthz, /readyz, /metrics); migrates at start
#   proxy                  one MCP worker (needs REDIS_URL and the api's BASTION_MASTER_KEY)
#   migrate                apply pending migrations to DATABASE_URL and exit (Kubernetes Job)
#   bootstrap-admin-key    issue an admin key against DATABASE_URL and print it once
#   stdio-bridge ARGS...   the stdio bridge for desktop clients
#   anything else          executed as is (e.g. `sh` for debugging)
set -eu

cd /app
run_ts() {
  exec node -r @swc-node/register "$@"
}

command="${1:-api}"
[ "$#" -gt 0 ] && shift

case "$command" in
  api) run_ts apps/api/src/main.ts "$@" ;;
  proxy) run_ts apps/proxy/src/main.ts "$@" ;;
  migrate) run_ts libs/db/src/migrate/migrate.command.ts "$@" ;;
  bootstrap-admin-key) run_ts apps/api/src/bootstrap-admin-key.command.ts "$@" ;;
  stdio-bridge) exec node apps/proxy/bin/bastion-stdio.cjs "$@" ;;
  *) exec "$command" "$@" ;;
esac
