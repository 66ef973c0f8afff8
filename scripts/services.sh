#!/usr/bin/env bash
# Real servers for Chartline's integration and end-to-end tests, on loopback, without Docker:
# PostgreSQL, Redis, a MongoDB-wire server (mongod if installed, else FerretDB) and Kafka (KRaft).
#
#   scripts/services.sh up       install what is missing, start what is not running, wait until each answers
#   scripts/services.sh down     stop only the processes our pid files name
#   scripts/services.sh status   up/down per server
#   scripts/services.sh env      `export …` lines for eval: KAFKA_BROKERS, MONGODB_URL, REDIS_URL, POSTGRES_URL
#
# CHARTLINE_FERRETDB_BACKEND=postgresql runs FerretDB (when there is no mongod) on its PostgreSQL
# backend, in a database of its own (chartline_ferretdb) of the PostgreSQL above, instead of on
# SQLite (the default, `sqlite`). See docs/operations.md, "The MongoDB-wire stand-in".
#
# These are our OWN instances on dedicated ports, never the system's default ones, so a developer's
# own PostgreSQL or Redis is left alone. Data, logs and pid files live in <repo>/.services/;
# downloads and builds are cached in ${CHARTLINE_CACHE:-~/.cache/chartline} and reused.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${CHARTLINE_SERVICES_DIR:-$ROOT/.services}
CACHE=${CHARTLINE_CACHE:-$HOME/.cache/chartline}

PG_PORT=${CHARTLINE_PG_PORT:-55432}
REDIS_PORT=${CHARTLINE_REDIS_PORT:-56379}
MONGO_PORT=${CHARTLINE_MONGO_PORT:-57017}
KAFKA_PORT=${CHARTLINE_KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${CHARTLINE_KAFKA_CONTROLLER_PORT:-59093}
PG_DB=chartline_test
# First one that Maven Central serves wins (3.9.x: kafkajs 2.2.4 needs protocol versions 4.0 removed).
KAFKA_VERSIONS=${CHARTLINE_KAFKA_VERSIONS:-3.9.1 3.9.0}
FERRETDB_VERSION=v1.24.2
READY_TIMEOUT=${CHARTLINE_READY_TIMEOUT:-120}
FERRETDB_BACKEND=${CHARTLINE_FERRETDB_BACKEND:-sqlite}
FERRETDB_PG_DB=chartline_ferretdb
# FerretDB's PostgreSQL backend keeps an update's query connection while it takes a second one for
# the update's transaction: once as many updates run at once as its pool has connections, each holds
# one and waits for another, forever (its default pool, 50, hung at 64 updates at once; measured with
# scripts/bench/ferret-writes.ts, docs/performance.md). The pool is therefore made larger than the
# updates our processes ever run at once (a projector flushes 8 at a time), and PostgreSQL here
# allows enough connections for it beside the event store's pools (see pg_up).
FERRETDB_PG_POOL=${CHARTLINE_FERRETDB_PG_POOL:-200}

export DEBIAN_FRONTEND=noninteractive
PATH=$PATH:/usr/local/go/bin

# Progress goes to stderr so that stdout of `env` (and the tail of `up`) stays eval-able.
say() { printf '[services] %s\n' "$*" >&2; }
die() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- processes and ports

# A pid file is "ours and live" only if the process exists AND runs the program we expect: after a
# reboot the same pid may belong to something else.
pid_of() {
  local file=$1 expect=$2 pid
  [[ -f $file ]] || return 1
  pid=$(head -n1 "$file" 2>/dev/null | tr -dc '0-9')
  [[ -n $pid ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$expect" || return 1
  echo "$pid"
}

port_taken() {
  local port=$1
  if command -v ss >/dev/null; then
    [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]] && return 0
  fi
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
}

# Before installing or starting anything: a port held by a process we did not start is a
# configuration problem, reported at once rather than after a long readiness timeout.
check_port() {
  local service=$1 port=$2 ours=$3
  [[ -n $ours ]] && return 0
  if port_taken "$port"; then
    local var=$4
    die "port $port needed by $service is already taken by another process (not started by scripts/services.sh). Stop that process or choose another port with $var=<port>."
  fi
}

log_tail() {
  local file=$1
  if [[ -f $file ]]; then
    printf '[services] --- last lines of %s ---\n' "$file" >&2
    tail -n 25 "$file" >&2 || true
  fi
}

# wait_ready <name> <pidfile> <expect> <log> <cmd…>: poll cmd until it succeeds; stop at once when
# the process has died (e.g. it could not bind) instead of waiting out the timeout.
wait_ready() {
  local name=$1 pidfile=$2 expect=$3 logfile=$4
  shift 4
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ! "$@" >/dev/null 2>&1; do
    if ! pid_of "$pidfile" "$expect" >/dev/null; then
      log_tail "$logfile"
      die "$name exited during start-up; see $logfile"
    fi
    if ((SECONDS >= deadline)); then
      log_tail "$logfile"
      die "$name did not answer within ${READY_TIMEOUT}s; see $logfile"
    fi
    sleep 0.5
  done
  say "$name is ready"
}

# Start a long-running program detached (own session, no inherited stdin/stdout, so callers that
# capture our output never hang) and record its pid. `exec` keeps the pid the pid file names.
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  local i
  for i in $(seq 1 50); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "could not start $1 (no pid file $pidfile)"
}

stop_pid() {
  local name=$1 pid=$2 grace=$3
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "$name (pid $pid) did not stop within ${grace}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------- protocol probes

# Dependency-free readiness checks (node's `net` only, so they work before `npm ci`): a Kafka
# FindCoordinator request must name a coordinator; a MongoDB OP_MSG `hello` must answer ok: 1.
PROBE_JS=$(
  cat <<'EOF'
const net = require('node:net');
const [kind, host, port] = process.argv.slice(1);
const int32 = (n) => { const b = Buffer.alloc(4); b.writeInt32LE(n); return b; };
let request;
let check;
if (kind === 'kafka') {
  // FindCoordinator v0 for a consumer group: answers without error only once the broker is up AND
  // its offsets topic exists, so the first consumer group of a test run does not have to retry.
  const client = Buffer.from('chartline-probe');
  const group = Buffer.from('chartline-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length + 2 + group.length);
  let o = body.writeInt16BE(10, 0); // FindCoordinator
  o = body.writeInt16BE(0, o); // v0
  o = body.writeInt32BE(7, o); // correlation id
  o = body.writeInt16BE(client.length, o);
  o += client.copy(body, o);
  o = body.writeInt16BE(group.length, o);
  group.copy(body, o);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  request = Buffer.concat([size, body]);
  check = (r) => r.length >= 10 && r.length >= 4 + r.readInt32BE(0) && r.readInt32BE(4) === 7 && r.readInt16BE(8) === 0;
} else {
  const db = Buffer.from('admin\0');
  const elems = Buffer.concat([
    Buffer.from([0x10]), Buffer.from('hello\0'), int32(1),
    Buffer.from([0x02]), Buffer.from('$db\0'), int32(db.length), db, Buffer.from([0]),
  ]);
  const doc = Buffer.concat([int32(elems.length + 4), elems]);
  const payload = Buffer.concat([int32(0), Buffer.from([0]), doc]);
  const header = Buffer.concat([int32(16 + payload.length), int32(7), int32(0), int32(2013)]);
  request = Buffer.concat([header, payload]);
  const okField = Buffer.from([0x01, 0x6f, 0x6b, 0x00]);
  check = (r) => {
    if (r.length < 16 || r.length < r.readInt32LE(0) || r.readInt32LE(12) !== 2013) return false;
    const at = r.indexOf(okField, 21);
    return at > 0 && r.readDoubleLE(at + okField.length) === 1;
  };
}
const socket = net.connect(Number(port), host);
let reply = Buffer.alloc(0);
const done = (code) => { socket.destroy(); process.exit(code); };
socket.setTimeout(3000, () => done(1));
socket.on('error', () => done(1));
socket.on('connect', () => socket.write(request));
socket.on('data', (d) => { reply = Buffer.concat([reply, d]); if (check(reply)) done(0); });
socket.on('end', () => done(check(reply) ? 0 : 1));
EOF
)

probe() { node -e "$PROBE_JS" "$@"; }

# ---------------------------------------------------------------- PostgreSQL

pg_bin_dir() {
  local dir
  # shellcheck disable=SC2012 # version-sorted folder names, no odd characters
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [[ -z $dir ]] && command -v pg_ctl >/dev/null; then dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")"); fi
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root we run it as the `postgres` OS user, which must be able
# to reach its data folder. When the clone lives where that user cannot go (e.g. under /root), the
# cluster lives in /var/tmp instead and .services/pg links to it.
pg_home() {
  if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$(dirname "$RUN_DIR")" 2>/dev/null; then
    echo "/var/tmp/chartline-pg-$(printf '%s' "$RUN_DIR" | md5sum | cut -c1-10)"
  else
    echo "$RUN_DIR/pg"
  fi
}

# From /, since the postgres user may not be allowed into the caller's working folder.
as_pg() {
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

PG_HOME=$(pg_home)
PG_DATA=$PG_HOME/data
PG_SOCK=$PG_HOME/run
PG_LOG=$PG_HOME/postgres.log
PG_PIDFILE=$PG_DATA/postmaster.pid

pg_pid() { pid_of "$PG_PIDFILE" postgres; }

pg_up() {
  local bin
  bin=$(pg_bin_dir)
  [[ -x $bin/initdb ]] || die "PostgreSQL binaries not found (looked in /usr/lib/postgresql/*/bin)"
  mkdir -p "$PG_HOME"
  [[ $EUID -eq 0 && $PG_HOME == "$RUN_DIR/pg" ]] && chmod o+x "$RUN_DIR"
  if [[ $PG_HOME != "$RUN_DIR/pg" ]]; then ln -sfn "$PG_HOME" "$RUN_DIR/pg"; fi
  [[ $EUID -eq 0 ]] && chown postgres: "$PG_HOME"
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    say "postgres: initdb in $PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --no-locale >"$PG_HOME/initdb.log" 2>&1 ||
      {
        log_tail "$PG_HOME/initdb.log"
        die "initdb failed"
      }
    # Tests open many pools in parallel (and FerretDB's PostgreSQL backend up to FERRETDB_PG_POOL);
    # fsync stays on so a crash test means what it says.
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- chartline (scripts/services.sh) ---
max_connections = 500
shared_buffers = 128MB
synchronous_commit = on
log_min_messages = warning
log_line_prefix = '%m [%p] '
EOF
  fi
  as_pg mkdir -p "$PG_SOCK"
  if pg_pid >/dev/null; then
    say "postgres: already running (pid $(pg_pid))"
  else
    say "postgres: starting on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$READY_TIMEOUT" \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_SOCK" start >/dev/null ||
      {
        log_tail "$PG_LOG"
        die "postgres did not start; see $PG_LOG"
      }
  fi
  wait_ready postgres "$PG_PIDFILE" postgres "$PG_LOG" "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres
  if [[ -z $("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$PG_DB'") ]]; then
    "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database $PG_DB" >/dev/null
    say "postgres: created database $PG_DB"
  fi
}

pg_down() {
  local pid bin
  pid=$(pg_pid) || return 0
  bin=$(pg_bin_dir)
  say "postgres: stopping (pid $pid)"
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || stop_pid postgres "$pid" 30
  stop_pid postgres "$pid" 10
}

# ---------------------------------------------------------------- Redis

REDIS_DIR=$RUN_DIR/redis
REDIS_PIDFILE=$REDIS_DIR/redis.pid
REDIS_LOG=$REDIS_DIR/redis.log

redis_pid() { pid_of "$REDIS_PIDFILE" redis-server; }

redis_up() {
  mkdir -p "$REDIS_DIR"
  if redis_pid >/dev/null; then
    say "redis: already running (pid $(redis_pid))"
  else
    say "redis: starting on 127.0.0.1:$REDIS_PORT"
    rm -f "$REDIS_PIDFILE"
    # A cache only: nothing persisted, so a restart is a cold cache, as in production after failover.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
      --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG" --dir "$REDIS_DIR" </dev/null >/dev/null ||
      die "redis-server did not start; see $REDIS_LOG"
    local i
    for i in $(seq 1 50); do
      [[ -s $REDIS_PIDFILE ]] && break
      sleep 0.1
    done
  fi
  wait_ready redis "$REDIS_PIDFILE" redis-server "$REDIS_LOG" redis_ping
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_down() {
  local pid
  pid=$(redis_pid) || return 0
  say "redis: stopping (pid $pid)"
  stop_pid redis "$pid" 15
  rm -f "$REDIS_PIDFILE"
}

# ---------------------------------------------------------------- MongoDB wire (mongod or FerretDB)

MONGO_DIR=$RUN_DIR/mongo
MONGO_PIDFILE=$MONGO_DIR/mongo.pid
MONGO_LOG=$MONGO_DIR/mongo.log
FERRETDB_BIN=$CACHE/bin/ferretdb-$FERRETDB_VERSION

mongo_program() { if command -v mongod >/dev/null; then echo mongod; else echo ferretdb; fi; }
mongo_pid() { pid_of "$MONGO_PIDFILE" "$(mongo_program)"; }

# `go install …/ferretdb@v1.24.2` builds a binary that panics at start: the published module lacks
# build/version/version.txt, which FerretDB's own release build generates. So we build a copy of
# the module source with that file written.
ferretdb_build() {
  command -v go >/dev/null || die "Go is needed to build FerretDB (or install mongod)"
  local src dir=$CACHE/src/ferretdb-$FERRETDB_VERSION
  src=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [[ -d $src ]] || die "could not download FerretDB $FERRETDB_VERSION from the Go module proxy"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")" "$CACHE/bin"
  cp -r "$src" "$dir"
  chmod -R u+w "$dir"
  echo "$FERRETDB_VERSION" >"$dir/build/version/version.txt"
  (cd "$dir" && GOFLAGS=-buildvcs=false go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$dir"
}

# FerretDB's storage, into FERRETDB_STORAGE: its own folder of SQLite files, or a database of its
# own in our PostgreSQL.
ferretdb_storage() {
  case $FERRETDB_BACKEND in
    sqlite) FERRETDB_STORAGE=(--handler=sqlite "--sqlite-url=file:$MONGO_DIR/data/") ;;
    postgresql)
      FERRETDB_STORAGE=(--handler=postgresql
        "--postgresql-url=postgres://postgres@127.0.0.1:$PG_PORT/$FERRETDB_PG_DB?pool_max_conns=$FERRETDB_PG_POOL")
      ;;
  esac
}

# The PostgreSQL backend's database, and room for its pool beside everyone else's connections.
ferretdb_pg_prepare() {
  local bin psql_pg max
  bin=$(pg_bin_dir)
  psql_pg=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tA)
  if [[ -z $("${psql_pg[@]}" -c "select 1 from pg_database where datname = '$FERRETDB_PG_DB'") ]]; then
    "${psql_pg[@]}" -qc "create database $FERRETDB_PG_DB" >/dev/null
    say "postgres: created database $FERRETDB_PG_DB for FerretDB"
  fi
  max=$("${psql_pg[@]}" -c 'show max_connections')
  if ((max < FERRETDB_PG_POOL + 100)); then
    say "WARNING: PostgreSQL allows $max connections, FerretDB's pool $FERRETDB_PG_POOL: under load it may be refused connections (a cluster made by an older services.sh; set max_connections in $PG_DATA/postgresql.conf and restart it, or lower CHARTLINE_FERRETDB_PG_POOL)"
  fi
}

mongo_up() {
  mkdir -p "$MONGO_DIR/data"
  local program running
  program=$(mongo_program)
  if mongo_pid >/dev/null; then
    # A FerretDB started on the other backend would quietly serve other data: refuse instead.
    running=$(sed -n 's/^backend=//p' "$MONGO_DIR/backend" 2>/dev/null || echo sqlite)
    if [[ $program == ferretdb && $running != "$FERRETDB_BACKEND" ]]; then
      die "mongo: FerretDB is running on its $running backend (pid $(mongo_pid)), not $FERRETDB_BACKEND; run '$0 down' first (with the same CHARTLINE_SERVICES_DIR) to switch"
    fi
    say "mongo: $program already running (pid $(mongo_pid))"
  else
    say "mongo: starting $program on 127.0.0.1:$MONGO_PORT"
    if [[ $program == mongod ]]; then
      spawn "$MONGO_PIDFILE" "$MONGO_LOG" mongod --bind_ip 127.0.0.1 --port "$MONGO_PORT" \
        --dbpath "$MONGO_DIR/data" --quiet
    else
      [[ $FERRETDB_BACKEND == postgresql ]] && ferretdb_pg_prepare
      ferretdb_storage
      echo "backend=$FERRETDB_BACKEND" >"$MONGO_DIR/backend"
      # No transactions and no change streams in FerretDB: our code must not need them.
      spawn "$MONGO_PIDFILE" "$MONGO_LOG" "$FERRETDB_BIN" "${FERRETDB_STORAGE[@]}" \
        --listen-addr="127.0.0.1:$MONGO_PORT" \
        --state-dir="$MONGO_DIR" --debug-addr=- --telemetry=disable --log-level=warn
    fi
  fi
  wait_ready mongo "$MONGO_PIDFILE" "$program" "$MONGO_LOG" probe mongo 127.0.0.1 "$MONGO_PORT"
}

mongo_down() {
  local pid
  pid=$(mongo_pid) || return 0
  say "mongo: stopping (pid $pid)"
  stop_pid mongo "$pid" 20
  rm -f "$MONGO_PIDFILE"
}

# ---------------------------------------------------------------- Kafka

KAFKA_DIR=$RUN_DIR/kafka
KAFKA_PIDFILE=$KAFKA_DIR/kafka.pid
KAFKA_LOG=$KAFKA_DIR/kafka.out

kafka_pid() { pid_of "$KAFKA_PIDFILE" kafka.Kafka; }

kafka_libs() {
  local v
  for v in $KAFKA_VERSIONS; do
    if [[ -f $CACHE/kafka-$v/.complete ]]; then
      echo "$CACHE/kafka-$v/libs"
      return 0
    fi
  done
  return 1
}

kafka_fetch() {
  command -v mvn >/dev/null || die "Maven is needed to fetch Kafka from Maven Central"
  local v
  for v in $KAFKA_VERSIONS; do
    say "kafka: fetching $v jars from Maven Central"
    rm -rf "$CACHE/kafka-$v"
    if mvn -q -B -f "$ROOT/scripts/kafka/pom.xml" -Dmaven.repo.local="$CACHE/m2" -Dkafka.version="$v" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$CACHE/kafka-$v/libs"; then
      touch "$CACHE/kafka-$v/.complete"
      return 0
    fi
    say "kafka: $v not available, trying the next version"
  done
  die "could not fetch Kafka ($KAFKA_VERSIONS) from Maven Central"
}

kafka_start() {
  local libs
  libs=$(kafka_libs) || die "Kafka jars missing from $CACHE"
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  if kafka_pid >/dev/null; then
    say "kafka: already running (pid $(kafka_pid))"
  else
    sed -e "s|@PORT@|$KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$KAFKA_DIR/data|g" "$ROOT/scripts/kafka/server.properties.template" >"$KAFKA_DIR/server.properties"
    cat >"$KAFKA_DIR/log4j.properties" <<EOF
log4j.rootLogger=WARN, stdout
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
    local jvm=(java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
      "-Dlog4j.configuration=file:$KAFKA_DIR/log4j.properties" "-Dkafka.logs.dir=$KAFKA_DIR/logs" -cp "$libs/*")
    if [[ ! -f $KAFKA_DIR/data/meta.properties ]]; then
      # A KRaft cluster id is 16 random bytes, base64url without padding.
      local cluster_id
      # One starting with '-' would be read as an option by the storage tool: draw again.
      cluster_id=-
      while [[ $cluster_id == -* ]]; do
        cluster_id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
      done
      say "kafka: formatting storage (cluster $cluster_id)"
      "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
        >>"$KAFKA_LOG" 2>&1 || {
        log_tail "$KAFKA_LOG"
        die "kafka storage format failed; see $KAFKA_LOG"
      }
    fi
    say "kafka: starting on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
    spawn "$KAFKA_PIDFILE" "$KAFKA_LOG" "${jvm[@]}" kafka.Kafka "$KAFKA_DIR/server.properties"
  fi
}

kafka_wait() {
  wait_ready kafka "$KAFKA_PIDFILE" kafka.Kafka "$KAFKA_LOG" probe kafka 127.0.0.1 "$KAFKA_PORT"
}

kafka_down() {
  local pid
  pid=$(kafka_pid) || return 0
  say "kafka: stopping (pid $pid)"
  stop_pid kafka "$pid" 45
  rm -f "$KAFKA_PIDFILE"
}

# ---------------------------------------------------------------- installing

# The lead (or CI) may be running apt already: wait for its lock instead of failing on it.
apt_install() {
  local runner=()
  if [[ $EUID -ne 0 ]]; then
    if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
      die "need root (or passwordless sudo) to apt-get install $*"
    fi
    runner=(sudo -n)
  fi
  local deadline=$((SECONDS + 900))
  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null || pgrep -x apt >/dev/null; do
    ((SECONDS < deadline)) || die "another apt/dpkg is still running after 15 minutes"
    say "waiting for another apt/dpkg to finish"
    sleep 5
  done
  say "apt-get install $*"
  "${runner[@]}" apt-get update -qq -o DPkg::Lock::Timeout=600
  "${runner[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "$@"
}

install_missing() {
  mkdir -p "$RUN_DIR" "$CACHE"
  local packages=()
  [[ -n $(pg_bin_dir) && -x $(pg_bin_dir)/initdb ]] || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  command -v java >/dev/null || packages+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || packages+=(maven)
  command -v node >/dev/null || die "node is needed (Node.js 20)"

  # The three installs are independent and mostly waiting on the network: run them side by side.
  local jobs=() names=() logs=()
  if [[ " ${packages[*]} " == *" maven "* || " ${packages[*]} " == *" openjdk"* ]]; then
    # Kafka's fetch needs Maven and Java: nothing to overlap with.
    apt_install "${packages[@]}" >"$RUN_DIR/install-apt.log" 2>&1 || {
      log_tail "$RUN_DIR/install-apt.log"
      die "apt-get install failed; see $RUN_DIR/install-apt.log"
    }
    packages=()
  fi
  if ((${#packages[@]})); then
    apt_install "${packages[@]}" >"$RUN_DIR/install-apt.log" 2>&1 &
    jobs+=($!) names+=(apt) logs+=("$RUN_DIR/install-apt.log")
  fi
  if [[ $(mongo_program) == ferretdb && ! -x $FERRETDB_BIN ]]; then
    say "mongo: building FerretDB $FERRETDB_VERSION into $CACHE/bin (a few minutes the first time)"
    ferretdb_build >"$RUN_DIR/install-ferretdb.log" 2>&1 &
    jobs+=($!) names+=(ferretdb) logs+=("$RUN_DIR/install-ferretdb.log")
  fi
  if ! kafka_libs >/dev/null; then
    kafka_fetch >"$RUN_DIR/install-kafka.log" 2>&1 &
    jobs+=($!) names+=(kafka) logs+=("$RUN_DIR/install-kafka.log")
  fi
  local i failed=0
  for i in "${!jobs[@]}"; do
    if wait "${jobs[$i]}"; then
      say "installed: ${names[$i]}"
    else
      log_tail "${logs[$i]}"
      say "install of ${names[$i]} failed; see ${logs[$i]}"
      failed=1
    fi
  done
  ((failed == 0)) || die "installation failed"
}

# ---------------------------------------------------------------- commands

# What the tests read, and what the production processes read (npm run start:command-api, …): the
# event store and the key store share the PostgreSQL database (their tables do not overlap).
print_env() {
  cat <<EOF
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export MONGODB_URL=mongodb://127.0.0.1:$MONGO_PORT/
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export POSTGRES_URL=postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB
export EVENT_STORE_URL=postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB
export KEY_STORE_URL=postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB
export CHARTLINE_MONGODB_SERVER=$(mongo_server)
EOF
}

# What serves MONGODB_URL, for figures that depend on it (the benches name their rows with it):
# mongod, or FerretDB and the backend it was started on (else the one `up` would start).
mongo_server() {
  local backend
  if [[ $(mongo_program) == mongod ]]; then
    echo mongod
  else
    backend=$(sed -n 's/^backend=//p' "$MONGO_DIR/backend" 2>/dev/null || true)
    echo "ferretdb-${backend:-$FERRETDB_BACKEND}"
  fi
}

cmd_up() {
  [[ $FERRETDB_BACKEND == sqlite || $FERRETDB_BACKEND == postgresql ]] ||
    die "CHARTLINE_FERRETDB_BACKEND must be sqlite or postgresql (got '$FERRETDB_BACKEND')"
  mkdir -p "$RUN_DIR"
  local started=$SECONDS
  check_port postgres "$PG_PORT" "$(pg_pid || true)" CHARTLINE_PG_PORT
  check_port redis "$REDIS_PORT" "$(redis_pid || true)" CHARTLINE_REDIS_PORT
  check_port mongo "$MONGO_PORT" "$(mongo_pid || true)" CHARTLINE_MONGO_PORT
  check_port kafka "$KAFKA_PORT" "$(kafka_pid || true)" CHARTLINE_KAFKA_PORT
  check_port kafka-controller "$KAFKA_CONTROLLER_PORT" "$(kafka_pid || true)" CHARTLINE_KAFKA_CONTROLLER_PORT
  install_missing
  # Kafka takes longest to become ready: start it first so its warm-up overlaps the others.
  kafka_start
  pg_up
  redis_up
  mongo_up
  kafka_wait
  say "all servers up in $((SECONDS - started))s (data and logs in $RUN_DIR)"
  print_env
}

cmd_down() {
  kafka_down
  mongo_down
  redis_down
  pg_down
  say "down"
}

cmd_status() {
  local name pid port all_up=0
  for name in postgres redis mongo kafka; do
    case $name in
      postgres) pid=$(pg_pid || true) port=$PG_PORT ;;
      redis) pid=$(redis_pid || true) port=$REDIS_PORT ;;
      mongo) pid=$(mongo_pid || true) port=$MONGO_PORT ;;
      kafka) pid=$(kafka_pid || true) port=$KAFKA_PORT ;;
    esac
    if [[ -n $pid ]]; then
      printf '%-9s up    127.0.0.1:%-6s pid %s\n' "$name" "$port" "$pid"
      [[ $name == mongo && $(mongo_program) == ferretdb ]] &&
        printf '          FerretDB on %s\n' "$(sed -n 's/^backend=//p' "$MONGO_DIR/backend" 2>/dev/null || echo sqlite)"
    else
      printf '%-9s down  127.0.0.1:%s\n' "$name" "$port"
      all_up=1
    fi
  done
  return $all_up
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  *)
    echo "usage: $0 up|down|status|env" >&2
    exit 2
    ;;
esac
