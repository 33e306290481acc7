#!/usr/bin/env bash
# Portal benchmark: wrk against gunicorn serving the news pages of the demo with N more articles.
#
#   DATABASE_URL=postgres://…/thidua_bench bench/news_web.sh      (SQLite in var/ without it)
#   ARTICLES=1000 CONNECTIONS=64 DURATION=15s WORKERS=2 THREADS=1 bench/news_web.sh
#   (the default: one sync worker per core, as the README deploys it; more workers or threads
#   than cores gave longer tails here)
#
# Anonymous readers (no cookie: each request is a new reading session, so every article request
# writes a reading row and raises the counter). For each page it prints p50/p95/p99 latency and
# requests/s with the cache on (as shipped) and off (THIDUA_CACHE=off, the baseline, same
# server), and /healthz (one query, no session) as the ceiling. Then it checks the view counter:
# after all that load its value must equal the number of reading rows (no lost increment), and
# it prints how many readings the article got against the responses wrk saw.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-1000} CONNECTIONS=${CONNECTIONS:-64} DURATION=${DURATION:-15s}
WORKERS=${WORKERS:-$(nproc)} THREADS=${THREADS:-1} PORT=${BENCH_PORT:-8766}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
bin/setup run >/dev/null

export DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0
export DATABASE_URL=${DATABASE_URL:-sqlite:///$PWD/var/bench.sqlite3}
PY=.venv/bin/python
$PY manage.py migrate -v0
$PY manage.py createcachetable
$PY manage.py load_demo --quiet >/dev/null
SLUG=$($PY bench/make_news.py --articles "$ARTICLES")
$PY manage.py collectstatic --noinput -v0
read -r VIEWS_BEFORE ROWS_BEFORE < <($PY bench/news_views.py "$SLUG")

GUNICORN=
serve() {  # cache on|off
  # PostgreSQL's production default for the server: commits wait for the disk (the CI role turns
  # that off for the tests' speed); only the readings ask not to wait.
  PGOPTIONS="-c synchronous_commit=on" THIDUA_CACHE=$1 .venv/bin/gunicorn config.wsgi -w "$WORKERS" --threads "$THREADS" \
    -b "127.0.0.1:$PORT" --log-level warning &
  GUNICORN=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  wrk -t1 -c"$WORKERS" -d3s "http://127.0.0.1:$PORT/tin-tuc/" >/dev/null  # every worker warm
}
stop() { kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true; }
trap stop EXIT

run() {  # name path
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$2" || { echo "$1: $2 does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/p95.lua "http://127.0.0.1:$PORT$2" \
    | sed -n "s/^RESULT /$1 /p"
}
echo "db=${DATABASE_URL%%:*} articles=+$ARTICLES connections=$CONNECTIONS duration=$DURATION" \
  "workers=$WORKERS threads=$THREADS"
serve off
uncached=$(run home_nocache /tin-tuc/; run article_nocache "/tin-tuc/$SLUG/")
stop
serve on
cached=$(run bare /healthz; run home /tin-tuc/; run article "/tin-tuc/$SLUG/")
stop
printf '%s\n%s\n' "$cached" "$uncached" | $PY bench/report.py

read -r VIEWS ROWS < <($PY bench/news_views.py "$SLUG")
answered=$(printf '%s\n%s\n' "$cached" "$uncached" | awk '/^article/ {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  total += v["requests"] - v["errors"] } END { print total }')
echo "view counter: +$((VIEWS - VIEWS_BEFORE)) views, +$((ROWS - ROWS_BEFORE)) reading rows," \
  "$answered article responses without error (plus the warm-up and check requests)"
if [ "$((VIEWS - VIEWS_BEFORE))" -ne "$((ROWS - ROWS_BEFORE))" ]; then
  echo "LOST INCREMENTS: the counter differs from the readings" >&2; exit 1
fi
echo "no increment lost"
