#!/usr/bin/env bash
# Starts, on 127.0.0.1, the storage emulators that the storage tests use by default
# (tests/StorageTests/Services/TestServices.cs):
#   Swift all-in-one  proxy on SWIFT_PORT (6040) with tempauth, s3api, tempurl, slo, dlo and bulk;
#                     account, container and object servers on SWIFT_PORT+1, +2 and +3, memcached
#                     on SWIFT_PORT+5 and a UDP log sink on SWIFT_PORT+6
#   Azurite (blob)    AZURITE_PORT (10000)
#   s3rver            S3RVER_PORT (6090)
#   GCS emulator      GCS_PORT (6062), the firebase-tools storage emulator
#
# Usage: tests/services/start.sh [SCRATCH_DIR]
#   SCRATCH_DIR contains the services' data, logs and the PID files that stop.sh reads. Default:
#   ${TMPDIR:-/tmp}/registry-test-services. Swift's object server stores extended attributes, so
#   the folder must be on a file system that supports them (ext4 and xfs do).
#
# A service that already responds to HTTP on its port is left alone and not recorded, so stop.sh never
# stops what this script did not start. The services start in parallel; the exit code is 1 when any
# of them failed to start, and the message says why.
#
# Needs: curl; `npm ci` in tests/services (azurite, s3rver, firebase-tools); javac and jar (JDK 11
# or later) for the GCS emulator; the Debian packages swift, swift-proxy, swift-account,
# swift-container, swift-object and memcached for Swift.

set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=${1:-${TMPDIR:-/tmp}/registry-test-services}
swift_port=${SWIFT_PORT:-6040}
azurite_port=${AZURITE_PORT:-10000}
s3rver_port=${S3RVER_PORT:-6090}
gcs_port=${GCS_PORT:-6062}

# Seconds each service has to become ready.
ready_timeout=${SERVICES_READY_TIMEOUT:-90}

node_modules="$here/node_modules"
failures=()

mkdir -p "$root/pids" || exit 1
root=$(cd "$root" && pwd)

# fail NAME REASON: reports why a service did not start; the caller returns 1.
fail() {
  echo "$1: FAILED: $2" >&2
}

# answers_http URL: succeeds when a server returns any HTTP response at URL.
answers_http() {
  curl -s -o /dev/null --max-time 2 "$1"
}

# port_in_use PORT: succeeds when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# start_time PID: the process start time in clock ticks since boot (field 22 of /proc/PID/stat),
# which stop.sh compares so that it never signals a process that reused a recorded PID.
start_time() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # The command name in field 2 may contain spaces; the fields after its closing parenthesis do not.
  stat=${stat##*) }
  awk '{ print $20 }' <<<"$stat"
}

# launch NAME LOG COMMAND...: starts COMMAND in a session of its own, so that stop.sh can signal
# its whole process group (servers that fork workers), and records its PID in pids/NAME.
launch() {
  local name=$1 log=$2
  shift 2
  setsid "$@" </dev/null >"$log" 2>&1 &
  local pid=$!
  echo "$pid $(start_time "$pid")" >"$root/pids/$name"
  launched_pid=$pid
}

# wait_ready NAME PID LOG COMMAND...: waits until COMMAND succeeds, the process exits, or the
# timeout passes. Prints the log's last lines on failure.
wait_ready() {
  local name=$1 pid=$2 log=$3
  shift 3
  local deadline=$((SECONDS + ready_timeout))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      fail "$name" "the process exited during start-up; last lines of $log:"
      tail -n 20 "$log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$name" "not ready after ${ready_timeout} s; last lines of $log:"
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
}

elapsed_since() {
  awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", now - start }'
}

# already_running NAME URL PORT: succeeds, and prints so, when a server responds on the port.
already_running() {
  if answers_http "$2"; then
    echo "$1: already answers on 127.0.0.1:$3; left running and not recorded for stop.sh"
    return 0
  fi
  return 1
}

require_node_modules() {
  if [ ! -d "$node_modules/$2" ]; then
    fail "$1" "$node_modules/$2 is missing: run 'npm ci' in $here"
    return 1
  fi
}

start_azurite() {
  local url="http://127.0.0.1:$azurite_port/"
  already_running azurite "$url" "$azurite_port" && return 0
  require_node_modules azurite azurite || return 1

  local started=$EPOCHREALTIME log="$root/azurite.log"
  mkdir -p "$root/azurite"
  # --disableTelemetry keeps Azurite from sending usage data to an outside endpoint.
  launch azurite "$log" "$node_modules/.bin/azurite-blob" \
    --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$root/azurite" \
    --skipApiVersionCheck --loose --disableTelemetry
  wait_ready azurite "$launched_pid" "$log" answers_http "$url" || return 1
  echo "azurite: started on 127.0.0.1:$azurite_port (pid $launched_pid) in $(elapsed_since "$started")"
}

start_s3rver() {
  local url="http://127.0.0.1:$s3rver_port/"
  already_running s3rver "$url" "$s3rver_port" && return 0
  require_node_modules s3rver s3rver || return 1

  local started=$EPOCHREALTIME log="$root/s3rver.log"
  mkdir -p "$root/s3rver"
  # s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with a cipher that Node.js 17 and
  # later offer only through OpenSSL's legacy provider.
  launch s3rver "$log" env NODE_OPTIONS=--openssl-legacy-provider "$node_modules/.bin/s3rver" \
    --directory "$root/s3rver" --address 127.0.0.1 --port "$s3rver_port" --silent
  wait_ready s3rver "$launched_pid" "$log" answers_http "$url" || return 1
  echo "s3rver: started on 127.0.0.1:$s3rver_port (pid $launched_pid) in $(elapsed_since "$started")"
}

start_gcs() {
  local url="http://127.0.0.1:$gcs_port/"
  already_running gcs "$url" "$gcs_port" && return 0
  require_node_modules gcs firebase-tools || return 1
  local tool
  for tool in node java javac jar; do
    if ! command -v "$tool" >/dev/null; then
      fail gcs "$tool is not installed; the GCS emulator needs Node.js and a JDK (Debian: default-jdk-headless)"
      return 1
    fi
  done

  local started=$EPOCHREALTIME log="$root/gcs.log" dir="$root/gcs"
  rm -rf "$dir/classes"
  mkdir -p "$dir/classes" "$dir/emulators" "$dir/tmp"
  # firebase-tools runs this jar name from FIREBASE_EMULATORS_PATH; the name follows the
  # runtime version that firebase-tools 15.34.2 expects.
  if ! javac -d "$dir/classes" "$here/RulesStub.java" >"$dir/build.log" 2>&1 ||
    ! jar --create --file "$dir/emulators/cloud-storage-rules-runtime-v1.1.3.jar" --main-class RulesStub \
      -C "$dir/classes" . >>"$dir/build.log" 2>&1; then
    fail gcs "building the rules runtime stand-in failed; see $dir/build.log"
    return 1
  fi

  launch gcs "$log" env GCS_HOST=127.0.0.1 GCS_PORT="$gcs_port" FIREBASE_EMULATORS_PATH="$dir/emulators" \
    TMPDIR="$dir/tmp" node "$here/gcs-emulator.js"
  wait_ready gcs "$launched_pid" "$log" answers_http "$url" || return 1
  echo "gcs: started on 127.0.0.1:$gcs_port (pid $launched_pid) in $(elapsed_since "$started")"
}

swift_authenticates() {
  local code
  code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "http://127.0.0.1:$swift_port/auth/v1.0" \
    -H 'X-Auth-User: test:tester' -H 'X-Auth-Key: testing')
  [ "$code" = 200 ]
}

start_swift() {
  local url="http://127.0.0.1:$swift_port/healthcheck"
  already_running swift "$url" "$swift_port" && return 0
  local tool
  for tool in swift-ring-builder swift-proxy-server swift-account-server swift-container-server swift-object-server memcached python3; do
    if ! command -v "$tool" >/dev/null; then
      fail swift "$tool is not installed; install the Debian packages swift swift-proxy swift-account swift-container swift-object memcached"
      return 1
    fi
  done

  local account_port=$((swift_port + 1)) container_port=$((swift_port + 2)) object_port=$((swift_port + 3))
  local memcached_port=$((swift_port + 5)) log_port=$((swift_port + 6))
  local port
  for port in "$account_port" "$container_port" "$object_port" "$memcached_port"; do
    if port_in_use "$port"; then
      fail swift "port $port, which Swift's servers use, is taken by another process, but no Swift proxy answers on $swift_port"
      return 1
    fi
  done

  local started=$EPOCHREALTIME dir="$root/swift"
  rm -rf "$dir/etc"
  mkdir -p "$dir/etc" "$dir/node/d1" "$dir/log"
  local user
  user=$(id -un)

  cat >"$dir/etc/swift.conf" <<CONF
[swift-hash]
swift_hash_path_suffix = registry-tests
swift_hash_path_prefix = registry-tests
[storage-policy:0]
name = Policy-0
default = yes
CONF

  # One ring per server kind, with one device and one replica: the smallest cluster that works.
  local spec kind kind_port
  for spec in "account $account_port" "container $container_port" "object $object_port"; do
    read -r kind kind_port <<<"$spec"
    if ! { swift-ring-builder "$dir/etc/$kind.builder" create 8 1 1 &&
      swift-ring-builder "$dir/etc/$kind.builder" add "r1z1-127.0.0.1:$kind_port/d1" 1; } >"$dir/log/ring-$kind.log" 2>&1; then
      fail swift "building the $kind ring failed; see $dir/log/ring-$kind.log"
      return 1
    fi
    # rebalance exits 1 with a warning on a one-device ring, although it writes the ring.
    swift-ring-builder "$dir/etc/$kind.builder" rebalance >>"$dir/log/ring-$kind.log" 2>&1
    cat >"$dir/etc/$kind-server.conf" <<CONF
[DEFAULT]
swift_dir = $dir/etc
devices = $dir/node
mount_check = false
disable_fallocate = true
bind_ip = 127.0.0.1
bind_port = $kind_port
user = $user
workers = 1
log_udp_host = 127.0.0.1
log_udp_port = $log_port
[pipeline:main]
pipeline = $kind-server
[app:$kind-server]
use = egg:swift#$kind
CONF
  done

  cat >"$dir/etc/proxy-server.conf" <<CONF
[DEFAULT]
swift_dir = $dir/etc
bind_ip = 127.0.0.1
bind_port = $swift_port
user = $user
workers = 1
log_udp_host = 127.0.0.1
log_udp_port = $log_port
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$memcached_port
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
s3_acl = false
check_bucket_owner = false
[filter:tempauth]
use = egg:swift#tempauth
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
[filter:symlink]
use = egg:swift#symlink
CONF

  # Swift logs through syslog; without a UDP target it writes to /dev/log or to port 514. This
  # sink keeps its log in the scratch folder.
  launch swift-log-sink "$dir/log/log-sink.out" python3 -c '
import socket, sys
sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sink.bind(("127.0.0.1", int(sys.argv[1])))
with open(sys.argv[2], "ab", buffering=0) as log:
    while True:
        log.write(sink.recv(65535).rstrip(b"\0") + b"\n")
' "$log_port" "$dir/log/swift.log"

  # memcached refuses to run as root unless -u names the user to switch to.
  local memcached_user=()
  if [ "$(id -u)" -eq 0 ]; then
    memcached_user=(-u "$(id -un memcache 2>/dev/null || echo root)")
  fi
  launch swift-memcached "$dir/log/memcached.log" memcached -l 127.0.0.1 -p "$memcached_port" -U 0 -m 64 "${memcached_user[@]}"

  local pids=()
  for kind in account container object proxy; do
    launch "swift-$kind" "$dir/log/$kind.log" "swift-$kind-server" "$dir/etc/$kind-server.conf"
    pids+=("$launched_pid")
  done

  # The proxy's auth returns 200 only once the proxy, memcached and the account server work.
  wait_ready swift "${pids[3]}" "$dir/log/proxy.log" swift_authenticates || return 1
  echo "swift: started on 127.0.0.1:$swift_port (proxy pid ${pids[3]}) in $(elapsed_since "$started")"
}

if ! command -v curl >/dev/null; then
  echo "error: curl is not installed; start.sh needs it to check the services" >&2
  exit 1
fi

echo "Starting the storage test services (scratch folder $root)"
total_started=$EPOCHREALTIME

# The services start in parallel, each in a subshell whose exit code shows whether it started.
services=(swift azurite s3rver gcs)
starters=()
for service in "${services[@]}"; do
  "start_$service" &
  starters+=($!)
done
for index in "${!services[@]}"; do
  if ! wait "${starters[$index]}"; then
    failures+=("${services[$index]}")
  fi
done

if [ "${#failures[@]}" -gt 0 ]; then
  echo "error: these services did not start: ${failures[*]}; the storage tests that use them will fail" >&2
  exit 1
fi
echo "All storage test services answer ($(elapsed_since "$total_started"))"
