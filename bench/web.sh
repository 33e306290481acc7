#!/usr/bin/env bash
# Web benchmark: wrk against gunicorn serving the demo scaled to N people (default 50 000).
#
#   bench/web.sh                                  # SQLite in var/bench.sqlite3
#   DATABASE_URL=postgres://…/thidua_bench bench/web.sh
#   PEOPLE=50000 CONNECTIONS=32 DURATION=15s WORKERS=2 bench/web.sh   (workers: one per core)
#
# Prints p50/p95/p99 latency and requests/s for the unit page, the person search and the
# dashboard, and for a bare view (/healthz: one query, no session) on the same server, which is
# the ceiling; the ratio column is each page's throughput against that ceiling, measured in the
# same run. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-50000} CONNECTIONS=${CONNECTIONS:-32} DURATION=${DURATION:-15s}
WORKERS=${WORKERS:-$(nproc)} PORT=${BENCH_PORT:-8765}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
bin/setup run >/dev/null

export DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0
export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/bench.sqlite3}
PY=.venv/bin/python
$PY manage.py migrate -v0
$PY manage.py createcachetable
$PY manage.py load_demo --quiet >/dev/null
$PY bench/make_big_demo.py --people "$PEOPLE"
$PY manage.py collectstatic --noinput -v0
read -r COOKIE UNIT_ID < <($PY bench/session.py)

.venv/bin/gunicorn config.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
# Warm every worker (each imports Django on its first request) before measuring.
wrk -t1 -c"$WORKERS" -d3s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/" >/dev/null

run() {  # name path
  curl -fs -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2" \
    || { echo "$1: $2 does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/p95.lua -H "Cookie: $COOKIE" \
    "http://127.0.0.1:$PORT$2" | sed -n "s/^RESULT /$1 /p"
}
echo "db=${DATABASE_URL%%:*} people=$PEOPLE connections=$CONNECTIONS duration=$DURATION workers=$WORKERS"
results=$(
  run bare /healthz
  run unit_page "/units/$UNIT_ID/"
  run person_search "/people/?q=nguyen+van"
  run dashboard /
)
echo "$results" | $PY bench/report.py
