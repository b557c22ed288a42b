# Helpers of bench/run.sh: logging, processes, ports, /proc counters and sample files.
# Sourced by run.sh; expects $work, $samples, $failures and $client_dll to be set before use.

KiB=1024
MiB=$((1024 * 1024))
reference_binary=/usr/bin/docker-registry
clock_ticks=$(getconf CLK_TCK)
started_at=$(date +%s)

# The Accept header of every manifest request: the OCI and Docker manifest and index types.
manifest_accept="application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json"

elapsed() {
  local seconds=$(($(date +%s) - started_at))
  printf '%dm%02ds' $((seconds / 60)) $((seconds % 60))
}

log() { printf '[%s] %s\n' "$(elapsed)" "$*" >&2; }

die() {
  log "error: $*"
  exit 1
}

# size_label BYTES: "100 MiB", "16 KiB" or "N bytes".
size_label() {
  if (($1 % MiB == 0)); then
    echo "$(($1 / MiB)) MiB"
  elif (($1 % KiB == 0)); then
    echo "$(($1 / KiB)) KiB"
  else
    echo "$1 bytes"
  fi
}

# find_free_port: a port in 20000-29999 (below Linux's ephemeral range) that nothing listens on.
find_free_port() {
  local attempt candidate
  for attempt in $(seq 1 100); do
    candidate=$((20000 + RANDOM % 10000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  die "found no free port in 20000-29999 after 100 attempts"
}

# wait_until_ready NAME PID URL LOG: waits up to 60 s for a 200 response to GET /v2/.
wait_until_ready() {
  local name=$1 process=$2 base=$3 log_file=$4 attempt
  for attempt in $(seq 1 600); do
    if ! kill -0 "$process" 2> /dev/null; then
      tail -n 20 "$log_file" >&2
      die "the $name registry exited during start-up (log above)"
    fi
    if curl --noproxy '*' -sf -o /dev/null --max-time 2 "$base/v2/"; then
      return 0
    fi
    sleep 0.1
  done
  tail -n 20 "$log_file" >&2
  die "the $name registry did not respond to GET /v2/ with 200 within 60 s (log above)"
}

# ensure_running NAME: stops the benchmark, with the end of the registry's log, when it has exited.
ensure_running() {
  local state=""
  if [ -r "/proc/${pid[$1]}/stat" ]; then
    state=$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/${pid[$1]}/stat")
  fi
  if [ -z "$state" ] || [ "$state" = Z ]; then
    tail -n 20 "$work/$1/registry.log" >&2
    die "the $1 registry (pid ${pid[$1]}) has exited (end of its log above)"
  fi
}

# stop_process PID: SIGTERM, then SIGKILL after 10 s.
stop_process() {
  local process=$1 attempt
  kill "$process" 2> /dev/null || return 0
  for attempt in $(seq 1 100); do
    kill -0 "$process" 2> /dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$process" 2> /dev/null || true
}

# settle_disk: writes back the dirty pages that earlier steps left (the image layout, the other
# registry's uploads, which distribution does not fsync), so that a timed write does not queue behind
# writeback that belongs to someone else. Called before each workload that writes blobs.
settle_disk() { sync; }

# reset_peak_rss PID: sets VmHWM back to the current RSS (Linux clear_refs value 5).
reset_peak_rss() { echo 5 2> /dev/null > "/proc/$1/clear_refs"; }

# status_mib PID FIELD: a kB field of /proc/PID/status (VmRSS, VmHWM) in MiB.
status_mib() { awk -v field="$2:" '$1 == field { printf "%.1f\n", $2 / 1024 }' "/proc/$1/status"; }

rss_mib() { status_mib "$1" VmRSS; }

# cpu_ticks PID: user + system CPU time of the process in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
  local stat
  stat=$(< "/proc/$1/stat")
  # The command name in parentheses may contain spaces: count fields after its closing parenthesis.
  stat=${stat##*) }
  awk '{ print $12 + $13 }' <<< "$stat"
}

# record FIGURE REGISTRY RUN VALUE: appends one sample; run 0 is the warm-up and is not recorded.
record() {
  if [ "$3" -gt 0 ]; then
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$samples"
  fi
}

# fail FIGURE REGISTRY RUN MESSAGE: logs a failed measurement and lists it for the report.
fail() {
  log "error: $1 on $2, run $3: $4"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(tr '\t\n' '  ' <<< "$4")" >> "$failures"
}

# usage_begin REGISTRY / usage_end WORKLOAD REGISTRY RUN: peak RSS and CPU seconds of the registry
# process between the two calls, recorded as rss:WORKLOAD and cpu:WORKLOAD.
usage_begin() {
  reset_peak_rss "${pid[$1]}"
  cpu_before=$(cpu_ticks "${pid[$1]}")
}

usage_end() {
  local process=${pid[$2]}
  record "rss:$1" "$2" "$3" "$(status_mib "$process" VmHWM)"
  record "cpu:$1" "$2" "$3" "$(awk -v ticks=$(($(cpu_ticks "$process") - cpu_before)) -v hz="$clock_ticks" 'BEGIN { printf "%.2f\n", ticks / hz }')"
}

# client MAX_SECONDS COMMAND OPTION...: runs bench-client, stopped after MAX_SECONDS by itself
# and 30 s later by timeout(1). Standard error goes to $work/client.err.
client() {
  local max=$1
  shift
  timeout -k 10 $((max + 30)) dotnet "$client_dll" "$@" --max-seconds "$max" 2> "$work/client.err"
}

client_error() { tail -n 5 "$work/client.err" 2> /dev/null || true; }

machine_summary() {
  local cpu memory
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  memory=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $memory memory, Linux $(uname -r), Debian $(cat /etc/debian_version 2> /dev/null || echo unknown)"
}

# build_artifacts: builds src/Silo and bench/Client into bench/.artifacts unless build is 0, checks
# that both builds exist, and sets registry_dll and client_dll.
build_artifacts() {
  artifacts="$bench_dir/.artifacts"
  registry_dll="$artifacts/bin/Registry.Silo/release/registry.dll"
  client_dll="$artifacts/bin/Client/release/bench-client.dll"

  if [ "$build" -eq 1 ]; then
    log "building src/Silo and bench/Client in Release into bench/.artifacts"
    local project
    for project in "$repo_root/src/Silo" "$bench_dir/Client"; do
      if ! dotnet build "$project" --configuration Release --artifacts-path "$artifacts" -nologo -v q > "$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        die "the build of $project failed"
      fi
    done
  fi

  local file
  for file in "$registry_dll" "$client_dll"; do
    [ -f "$file" ] || die "$file is missing; run without --no-build"
  done
}
