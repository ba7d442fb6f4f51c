#!/usr/bin/env bash
# The database's share of a webhook, without the service: replays an incoming call's statements with
# pgbench as the runtime login, against the environment `BENCH_HOLD=1 bench/run.sh` keeps running,
# and reports PostgreSQL's CPU per transaction over a window inside the run (as bench/run.sh does).
# Changes to the schema or the audit trigger can then be measured in seconds, alternating before
# and after on the same data (docs/BENCHMARKS.md, "Round two, third session").
#
#   bench/webhook_sql.sh [clients=16] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench; PGPORT=${PGPORT:-55432}; CLIENTS=${1:-16}; SECONDS_RUN=${2:-20}
[ -f "$OUT/pgdata/postmaster.pid" ] || { echo "start BENCH_HOLD=1 bench/run.sh first" >&2; exit 1; }
python3 bench/webhook_sql.py "$OUT/tenants.csv" "$OUT/webhook-sql"
pm=$(head -1 "$OUT/pgdata/postmaster.pid")
jiffies() { local t=0 p; for p in $pm $(pgrep -P "$pm"); do [ -r /proc/$p/stat ] && t=$((t + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$p/stat))); done; echo $t; }
Q="psql -X -At -h /tmp -p $PGPORT -U postgres -d switchboard -c"
scripts=(); for f in "$OUT"/webhook-sql/*.sql; do scripts+=(-f "$f"); done
pgbench -h /tmp -p "$PGPORT" -U switchboard_app -n -M prepared -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" "${scripts[@]}" switchboard \
  > "$OUT/webhook-sql.txt" 2>&1 &
PGB=$!
# Backends exit with pgbench, taking their CPU counters along: measure inside the run.
sleep 3
j0=$(jiffies); t0=$($Q "SELECT clock_timestamp()")
sleep $((SECONDS_RUN - 6))
j1=$(jiffies); t1=$($Q "SELECT clock_timestamp()")
wait $PGB
n=$($Q "SELECT count(*) FROM calls WHERE created_at >= '$t0' AND created_at < '$t1'")
grep -i 'error\|abort' "$OUT/webhook-sql.txt" | head -3 || true
python3 -c "hz=$(getconf CLK_TCK); print('tps', '$(awk '/^tps/ {print $3; exit}' "$OUT/webhook-sql.txt")', 'PostgreSQL ms per webhook', round(($j1-$j0)*1000/hz/max(1,$n), 3))"
