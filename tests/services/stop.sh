#!/usr/bin/env bash
# Stops the services that start.sh started, and only those: the processes recorded in
# SCRATCH_DIR/pids. Services that start.sh found already running were never recorded.
#
# Usage: tests/services/stop.sh [SCRATCH_DIR]
#   SCRATCH_DIR is the one given to start.sh. Default: ${TMPDIR:-/tmp}/registry-test-services.
#
# start.sh runs each service in a session of its own, so a recorded PID is also the ID of a process
# group that holds only that service and its workers (Swift's forked workers, the Java process of
# the GCS emulator). SIGTERM goes to that group; what still runs after the grace period gets SIGKILL.

set -uo pipefail

root=${1:-${TMPDIR:-/tmp}/registry-test-services}
grace_seconds=${SERVICES_STOP_GRACE:-15}

if [ ! -d "$root/pids" ]; then
  echo "No services recorded in $root/pids; nothing to stop"
  exit 0
fi

# recorded_pid FILE: prints the PID of FILE when that process still runs and started when it was
# recorded, so that a PID reused by another process is never signalled.
recorded_pid() {
  local pid expected stat
  read -r pid expected <"$1" || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "$(awk '{ print $20 }' <<<"$stat")" = "$expected" ] || return 1
  echo "$pid"
}

# target PID: prints the kill target, the process group -PID when PID leads one, else PID.
target() {
  if [ "$(ps -o pgid= -p "$1" | tr -d ' ')" = "$1" ]; then
    echo "-$1"
  else
    echo "$1"
  fi
}

running=()
for file in "$root"/pids/*; do
  [ -e "$file" ] || continue
  if pid=$(recorded_pid "$file"); then
    name=$(basename "$file")
    kill_target=$(target "$pid")
    kill -TERM -- "$kill_target" 2>/dev/null
    running+=("$name $pid $kill_target")
  fi
done

if [ "${#running[@]}" -eq 0 ]; then
  echo "No recorded service still runs; nothing to stop"
fi

deadline=$((SECONDS + grace_seconds))
for entry in "${running[@]}"; do
  read -r name pid kill_target <<<"$entry"
  # kill -0 on the target also covers the workers of a group whose leader exited first.
  while kill -0 -- "$kill_target" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    sleep 0.1
  done
  if kill -0 -- "$kill_target" 2>/dev/null; then
    echo "$name (pid $pid) still runs ${grace_seconds} s after SIGTERM; sending SIGKILL" >&2
    kill -KILL -- "$kill_target" 2>/dev/null
  fi
  echo "$name: stopped (pid $pid)"
done

rm -f "$root"/pids/*
