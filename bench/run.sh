#!/usr/bin/env bash
# Switchboard's benchmark suite: one command, everything on this machine (service, PostgreSQL and
# load generator share its 2 cores). Not part of the CI test command. See docs/BENCHMARKS.md.
#
#   bench/run.sh            full run (about 10 minutes, 1M calls seeded with COPY)
#   BENCH_SMOKE=1 bench/run.sh   a few seconds per scenario, 20k calls: checks the suite itself
#   BENCH_HOLD=1 bench/run.sh    stop after seeding and keep PostgreSQL and the service running (for
#                                profiling by hand); the service's environment is in target/bench/app.env
#   BENCH_JAVA=/path/to/java     the JVM to measure (default: java on the PATH)
#   BENCH_ONLY=lists             only the list scenarios (c): no webhook runs, no pgbench
#   BENCH_STATEMENTS=1           load pg_stat_statements and write the closed list run's statements to
#                                target/bench/statements-c-closed.txt (costs PostgreSQL some CPU)
#
# Needs what the java-maven machine image has: a JDK, PostgreSQL 15 server binaries and pgbench
# (/usr/lib/postgresql/15/bin), python3, curl. Results: target/bench/report.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
APP_PORT=${APP_PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}   # health and metrics live on the management interface
SECONDS_PER_RUN=${BENCH_SECONDS:-30}
CALLS_PER_TENANT=${BENCH_CALLS_PER_TENANT:-10000}
TENANTS=${BENCH_TENANTS:-100}
USERS=${BENCH_USERS:-32}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-60}   # the service's JIT, before any measured run
PHASE_WARMUP_SECONDS=${BENCH_PHASE_WARMUP_SECONDS:-10}   # inside each measured run, not reported
JAVA=${BENCH_JAVA:-java}
# Serial GC with a young generation half the heap: measured, fewer objects reach the old generation
# (7 full collections in a run instead of 9-10 with -Xmx160m and the default young size).
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx192m -Xmn96m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k"}
# glibc gives each thread its own malloc arena (64 MiB reserved each); two are plenty here.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [ -n "${BENCH_SMOKE:-}" ]; then SECONDS_PER_RUN=3; WARMUP_SECONDS=4; PHASE_WARMUP_SECONDS=1; CALLS_PER_TENANT=200; USERS=4; fi

mkdir -p "$OUT"
REPORT=$OUT/report.md
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# ---- PostgreSQL: a fresh cluster with the production role layout --------------------------------
PGDATA=$OUT/pgdata
if [ -f "$PGDATA/postmaster.pid" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop || true; fi
rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA" "$OUT"
as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$OUT/postgres.log" -w start \
  -o "-p $PGPORT -k /tmp -c shared_buffers=512MB -c max_connections=200 -c synchronous_commit=on ${BENCH_STATEMENTS:+-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all}" >/dev/null
trap 'kill ${APP_PID:-0} 2>/dev/null || true; as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true' EXIT
PSQL="psql -X -q -h /tmp -p $PGPORT -U postgres"
# The logins exactly as an operator creates them (README, "Production", step 2).
$PSQL -d postgres -v ON_ERROR_STOP=1 -v owner_password=owner -v app_password=app < deploy/database-logins.sql
log "PostgreSQL $($PSQL -At -d postgres -c 'show server_version') on port $PGPORT"

# ---- The service, packaged and started as production runs it -----------------------------------
# AppCDS: Quarkus archives the application's classes at build time, so the JVM starts faster.
[ -n "${BENCH_SKIP_BUILD:-}" ] || ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
CDS=""
# The archive only loads with the class path it was made with: the JVM starts in target/quarkus-app.
[ -f target/quarkus-app/app-cds.jsa ] && CDS="-XX:SharedArchiveFile=app-cds.jsa"
JAVA_FEATURE=$($JAVA -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
TRAINING=""
if [ "${JAVA_FEATURE%%.*}" -ge 25 ]; then
  # JDK 25+: a Leyden AOT cache, written when the first (migrating) start exits, replaces AppCDS
  # (made for the build's JDK); it holds the classes loaded and linked at run time too.
  rm -f target/quarkus-app/app.aot; TRAINING="-XX:AOTCacheOutput=app.aot"; CDS=""
fi
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"
OPS_TOKEN=bench-$(openssl rand -hex 16)
export QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT
# Required at start; callbacks are built on it. Webhooks are signed for the URL they reach.
export SWITCHBOARD_PUBLIC_BASE_URL=https://bench.switchboard.test
# Twilio cannot be reached from here: reconciliation would only fail, and cost CPU doing so.
export SWITCHBOARD_RECONCILE_EVERY=off
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$PGPORT/switchboard
export QUARKUS_DATASOURCE_USERNAME=switchboard_app QUARKUS_DATASOURCE_PASSWORD=app
export QUARKUS_FLYWAY_USERNAME=switchboard_owner QUARKUS_FLYWAY_PASSWORD=owner
export SWITCHBOARD_CRYPTO_KEYS="bench:$(openssl rand -base64 32)"
export SWITCHBOARD_OPS_TOKEN_SHA256=$(printf %s "$OPS_TOKEN" | sha256sum | cut -d' ' -f1)
export SMALLRYE_JWT_SIGN_KEY_LOCATION=file://$OUT/jwt-private.pem MP_JWT_VERIFY_PUBLICKEY_LOCATION=file://$OUT/jwt-public.pem
export QUARKUS_LOG_CONSOLE_LEVEL=INFO

# (d) start-to-ready: a first start migrates the empty database; the measured one is a normal restart.
start_app() { # [extra JVM options]; sets APP_PID and READY_MS
  local started
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  pushd target/quarkus-app >/dev/null
  $JAVA ${START_OPTS:-$JAVA_OPTS} $CDS "$@" -jar quarkus-run.jar > "$OUT/service.log" 2>&1 &
  APP_PID=$!
  popd >/dev/null
  until curl -sf "http://localhost:$MANAGEMENT_PORT/q/health/ready" >/dev/null; do
    kill -0 $APP_PID 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
    sleep 0.01
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' "$OUT/service.log" | tail -1)
}
if curl -s "http://localhost:$APP_PORT/" >/dev/null 2>&1; then echo "port $APP_PORT is taken" >&2; exit 1; fi
# shellcheck disable=SC2086
# (Writing the AOT cache fails under a metaspace cap: "Unable to allocate from 'ro' region".)
START_OPTS=$( [ -n "$TRAINING" ] && echo "$JAVA_OPTS" | sed 's/-XX:MaxMetaspaceSize=[^ ]*//' ) start_app $TRAINING
kill $APP_PID; wait $APP_PID 2>/dev/null || true
if [ -n "$TRAINING" ]; then
  [ -f target/quarkus-app/app.aot ] || { tail -5 "$OUT/service.log"; exit 1; }
  CDS="-XX:AOTCache=app.aot"
fi
start_app
log "start-to-ready ${READY_MS} ms"

# ---- Tenants through the admin API; (c) calls seeded with COPY ---------------------------------
: > "$OUT/tenants.csv"
for i in $(seq 1 "$TENANTS"); do
  sid=AC$(openssl rand -hex 16); token=$(openssl rand -hex 16)
  answer=$(curl -sf -X POST "http://localhost:$APP_PORT/admin/v1/tenants" -H "Authorization: Bearer $OPS_TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench $i\",\"twilio\":{\"accountSid\":\"$sid\",\"authToken\":\"$token\",\"phoneNumber\":\"+14155550100\"}}")
  key=$(printf %s "$answer" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["apiKey"])')
  id=$(printf %s "$answer" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"])')
  echo "$sid,$token,$key,$id" >> "$OUT/tenants.csv"
done
log "seeding $((TENANTS * CALLS_PER_TENANT)) calls with COPY"
SEED_START=$(date +%s)
$PSQL -d switchboard -c "ALTER TABLE calls DISABLE TRIGGER audit"
python3 bench/seed_calls.py "$OUT/tenants.csv" "$CALLS_PER_TENANT" | $PSQL -d switchboard -c \
  "COPY calls (tenant_id, id, sid, from_number, to_number, direction, status, duration_seconds, started_at, outcome, created_at, updated_at) FROM STDIN WITH (FORMAT csv, NULL '')"
$PSQL -d switchboard -c "ALTER TABLE calls ENABLE TRIGGER audit" -c "VACUUM ANALYZE calls"
log "seeded in $(( $(date +%s) - SEED_START )) s"
if [ -n "${BENCH_HOLD:-}" ]; then
  export -p | grep -E ' (QUARKUS|SWITCHBOARD|SMALLRYE|MP)_' > "$OUT/app.env"
  log "holding: service pid $APP_PID on port $APP_PORT, PostgreSQL on $PGPORT, environment in $OUT/app.env; Ctrl-C ends"
  # Not the service's pid: restarting it with other JVM options must not end the hold.
  sleep infinity & wait $!
  exit 0
fi

# ---- Gatling scenarios ------------------------------------------------------------------------
gatling() { # simulation, extra -D properties...
  local sim=$1; shift
  (cd bench && ../mvnw -B -q gatling:test -Dgatling.simulationClass="io.switchboard.bench.$sim" \
     -Dbench.baseUrl="http://127.0.0.1:$APP_PORT" -Dbench.tenants="$OUT/tenants.csv" \
     -Dbench.seconds="$SECONDS_PER_RUN" -Dbench.warmupSeconds="$PHASE_WARMUP_SECONDS" "$@" > "$OUT/gatling-$LABEL.log" 2>&1) || { tail -30 "$OUT/gatling-$LABEL.log"; exit 1; }
  echo "$OUT/gatling-$LABEL.log"
}
stat() { python3 bench/gatling_stats.py "$1" "$2" "$SECONDS_PER_RUN"; }   # req/s p50 p99 failed of a run's measured phase

# 127.0.0.1, not localhost: Gatling resolves names with its own DNS client, which waits on the
# (unreachable) nameserver here.
# Warm the service's JIT on every path first, as a service in production is warm; not reported.
# (Measured: the filtered list's first 30 s under load, cold, had a p99 of 4.9 s; warm, 20-65 ms.)
ONLY_LISTS=$([ "${BENCH_ONLY:-}" = lists ] && echo 1 || true)
[ -n "$ONLY_LISTS" ] || LABEL=warmup-webhooks gatling VoiceWebhookSimulation -Dbench.mode=closed -Dbench.users="$USERS" -Dbench.seconds="$WARMUP_SECONDS" >/dev/null
LABEL=warmup-filtered gatling CallListSimulation -Dbench.rate=100 -Dbench.list=filtered -Dbench.seconds="$((WARMUP_SECONDS / 2))" >/dev/null
LABEL=warmup-lists gatling CallListSimulation -Dbench.rate=100 -Dbench.list=first -Dbench.seconds="$((WARMUP_SECONDS / 4))" >/dev/null

# CPU per webhook: jiffies of the service's JVM and of every PostgreSQL process (postmaster and its
# children), over a window inside (a)'s measured phase, divided by the calls inserted in that window.
cpu_jiffies() { # pids... -> utime + stime summed
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$(( total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat") ))
  done
  echo "$total"
}
pg_pids() { local pm; pm=$(head -1 "$PGDATA/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }
db_now() { $PSQL -At -d switchboard -c "SELECT clock_timestamp()"; }
measure_cpu() { # seconds to wait first, window seconds -> "app_jiffies pg_jiffies from until"
  sleep "$1"
  local app0 pg0 t0 app1 pg1 t1
  app0=$(cpu_jiffies "$APP_PID"); pg0=$(cpu_jiffies $(pg_pids)); t0=$(db_now)
  sleep "$2"
  app1=$(cpu_jiffies "$APP_PID"); pg1=$(cpu_jiffies $(pg_pids)); t1=$(db_now)
  echo "$((app1 - app0)) $((pg1 - pg0)) $t0|$t1"
}

CPU_WINDOW=$(( SECONDS_PER_RUN / 2 )); CPU_WINDOW_LISTS=$CPU_WINDOW
A_RPS=- A_P50=- A_P99=- A_KO=- B_RPS=- B_P50=- B_P99=- B_KO=- HALF=- CPU_APP=- CPU_PG=- CPU_N=0
if [ -z "$ONLY_LISTS" ]; then
log "(a) voice webhooks, closed model, $USERS in flight"
# Maven and Gatling start in ~10 s; the window sits inside the measured phase.
measure_cpu "$(( 12 + PHASE_WARMUP_SECONDS + 2 ))" "$CPU_WINDOW" > "$OUT/cpu-a.txt" &
CPU_PID=$!
RUN_A=$(LABEL=a gatling VoiceWebhookSimulation -Dbench.mode=closed -Dbench.users="$USERS")
wait $CPU_PID || true
read -r APP_J PG_J WINDOW < "$OUT/cpu-a.txt"
# The calls the window's webhooks created, counted exactly afterwards (the superuser sees all tenants).
CPU_N=$($PSQL -At -d switchboard -c "SELECT count(*) FROM calls WHERE created_at >= '${WINDOW%%|*}' AND created_at < '${WINDOW##*|}'")
read -r CPU_APP CPU_PG <<< "$(python3 -c "hz=$(getconf CLK_TCK); n=max(1,$CPU_N); print(round($APP_J*1000/hz/n,3), round($PG_J*1000/hz/n,3))")"
read -r A_RPS A_P50 A_P99 A_KO <<< "$(stat "$RUN_A" voice)"
HALF=$(python3 -c "print(max(1, int(float('$A_RPS') / 2)))")
log "(a) $A_RPS req/s p50 $A_P50 ms p99 $A_P99 ms; (b) at $HALF req/s"
RUN_B=$(LABEL=b gatling VoiceWebhookSimulation -Dbench.mode=open -Dbench.rate="$HALF")
read -r B_RPS B_P50 B_P99 B_KO <<< "$(stat "$RUN_B" voice)"
fi
LIST_RATE=${BENCH_LIST_RATE:-100}
LIST_USERS=${BENCH_LIST_USERS:-16}
log "(c) first pages, closed model, $LIST_USERS in flight"
[ -z "${BENCH_STATEMENTS:-}" ] || $PSQL -d switchboard -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
measure_cpu "$(( 12 + PHASE_WARMUP_SECONDS + 2 ))" "$CPU_WINDOW_LISTS" > "$OUT/cpu-c.txt" &
CPU_PID=$!
RUN_C0=$(LABEL=c-closed gatling CallListSimulation -Dbench.mode=closed -Dbench.users="$LIST_USERS" -Dbench.list=first)
wait $CPU_PID || true
read -r C0_RPS C0_P50 C0_P99 C0_KO <<< "$(stat "$RUN_C0" "first page")"
# Requests in the CPU window, from the measured phase's rate (a list leaves no row to count).
read -r LIST_APP_J LIST_PG_J _ < "$OUT/cpu-c.txt"
read -r CPU_LIST_APP CPU_LIST_PG <<< "$(python3 -c "hz=$(getconf CLK_TCK); n=max(1,float('$C0_RPS')*$CPU_WINDOW_LISTS); print(round($LIST_APP_J*1000/hz/n,3), round($LIST_PG_J*1000/hz/n,3))")"
if [ -n "${BENCH_STATEMENTS:-}" ]; then
  $PSQL -d switchboard -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" > "$OUT/statements-c-closed.txt"
fi
log "(c) $C0_RPS req/s p50 $C0_P50 ms p99 $C0_P99 ms; CPU per list: service $CPU_LIST_APP ms, PostgreSQL $CPU_LIST_PG ms"
log "(c) call lists at $LIST_RATE scenarios/s"
RUN_C1=$(LABEL=c-first gatling CallListSimulation -Dbench.rate="$LIST_RATE" -Dbench.list=first)
read -r C1_RPS C1_P50 C1_P99 C1_KO <<< "$(stat "$RUN_C1" "first page")"
RUN_C2=$(LABEL=c-filtered gatling CallListSimulation -Dbench.rate="$LIST_RATE" -Dbench.list=filtered)
read -r C2_RPS C2_P50 C2_P99 C2_KO <<< "$(stat "$RUN_C2" "filtered list")"
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$APP_PID/status)

PGB_TPS=- RATIO=-
if [ -z "$ONLY_LISTS" ]; then
# ---- (e) pgbench: single-row inserts into a table of the calls' shape, same server, same clients -
$PSQL -d switchboard -c "DROP TABLE IF EXISTS pgbench_calls" \
  -c "CREATE TABLE pgbench_calls (LIKE calls INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
cat > "$OUT/insert_call.sql" <<'SQL'
INSERT INTO pgbench_calls (tenant_id, id, sid, from_number, to_number, direction, status, created_at, updated_at)
VALUES ('00000000-0000-7000-8000-000000000001', gen_random_uuid(), 'CA' || replace(gen_random_uuid()::text, '-', ''), '+14155550111', '+18005550100', 'inbound', 'ringing', now(), now());
SQL
PGB_TPS=$(pgbench -h /tmp -p "$PGPORT" -U postgres -n -c "$USERS" -j 2 -T "$SECONDS_PER_RUN" -f "$OUT/insert_call.sql" switchboard \
  | awk '/^tps/ {print $3; exit}')
RATIO=$(python3 -c "print(round(float('$A_RPS') / float('$PGB_TPS'), 3))")

fi

cat > "$REPORT" <<MD
# Benchmark report ($(date -u +%Y-%m-%dT%H:%MZ))

Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $($JAVA -version 2>&1 | head -1); PostgreSQL $($PSQL -At -d postgres -c 'show server_version').
JVM options: \`$JAVA_OPTS $CDS\`. ${SECONDS_PER_RUN}s per run; $TENANTS tenants; $((TENANTS * CALLS_PER_TENANT)) seeded calls.

| scenario | result | target |
| --- | --- | --- |
| (a) voice webhooks, $USERS in flight | $A_RPS req/s, p50 $A_P50 ms, p99 $A_P99 ms, $A_KO failed | max |
| (b) voice webhooks at $HALF req/s | $B_RPS req/s, p50 $B_P50 ms, p99 $B_P99 ms, $B_KO failed | p99 ≤ 25 ms |
| (c) \`GET /v1/calls?limit=50\`, closed model, $LIST_USERS in flight | $C0_RPS req/s, p50 $C0_P50 ms, p99 $C0_P99 ms, $C0_KO failed | 3× round one |
| CPU per list request during the closed run, ${CPU_WINDOW_LISTS}s window | service ${CPU_LIST_APP} ms, PostgreSQL ${CPU_LIST_PG} ms | |
| (c) \`GET /v1/calls?limit=50\` at $LIST_RATE req/s | $C1_RPS req/s, p50 $C1_P50 ms, p99 $C1_P99 ms, $C1_KO failed | p99 ≤ 15 ms |
| (c) \`GET /v1/calls?status=completed&direction=inbound&limit=50\` then its next page, $LIST_RATE pairs/s | $C2_RPS req/s, p50 $C2_P50 ms, p99 $C2_P99 ms, $C2_KO failed | p99 ≤ 15 ms |
| (d) start to ready (launch until /q/health/ready answers 200) | $READY_MS ms (Quarkus: $QUARKUS_STARTED) | ≤ 2000 ms (JVM) |
| (d) peak RSS | $((RSS_KB / 1024)) MiB | ≤ 300 MiB |
| (e) pgbench single-row inserts, $USERS clients | $PGB_TPS tps | |
| (e) webhook req/s ÷ pgbench tps | $RATIO | ≥ 0.25 |
| CPU per webhook during (a), ${CPU_WINDOW}s window ($CPU_N calls) | service ${CPU_APP} ms, PostgreSQL ${CPU_PG} ms | ≤ 0.3 ms, ≤ 0.4 ms |
MD
cat "$REPORT"
