#!/usr/bin/env bash
# Benchmarks this registry against distribution v2.8.2 with both on the S3 storage driver, on the
# s3api middleware of the Swift all-in-one at 127.0.0.1:6040.
#
# Usage: bench/s3.sh [OPTION...]
#
#   --runs N        measured runs per registry (default 5). The reference goes first in odd runs,
#                   ours first in even runs
#   --quick         smoke test: 1 run unless --runs is given, layers of 64 KiB, 256 KiB and 1 MiB.
#                   Its figures do not measure speed
#   --redirect      leave storage.redirect on, so that skopeo pulls the layers from Swift itself.
#                   By default redirects are off, so every byte of a pull passes through the registry
#   --no-build      use the registry and client that an earlier run built in bench/.artifacts
#   --keep          keep the work directory (registry configs, logs, raw samples) and the objects
#   -h, --help      show this help
#
# Each registry gets its own root directory in the bucket registry-bench. Every run pushes a fresh
# image of 3 gzip layers (1, 10 and 100 MiB) with skopeo copy and pulls it back into an OCI layout.
# After the runs, each registry receives a 1 KiB blob upload twice (monolithic: POST, PUT; streamed:
# POST, PATCH, PUT), and the S3 requests that each upload caused are counted in Swift's proxy log.
# The table goes to standard output and to bench/results/<UTC time>-s3.md.
#
# Needs: the servers of tests/services/start.sh (the Swift all-in-one with s3api and tempauth, its
# proxy log at $SWIFT_LOG, default $TMPDIR/registry-test-services/swift/log/swift.log or
# /tmp/registry-services/swift/log/swift.log), the .NET 10 SDK,
# skopeo, curl, jq and docker-registry.

set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
# shellcheck source=bench/lib/common.sh
source "$bench_dir/lib/common.sh"
# shellcheck source=bench/lib/workloads.sh
source "$bench_dir/lib/workloads.sh"
# shellcheck source=bench/lib/swift.sh
source "$bench_dir/lib/swift.sh"

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# ---- options

runs=""
quick=0
redirect=0
build=1
keep=0
command_line="bench/s3.sh $*"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:-}; shift 2 ;;
    --quick) quick=1; shift ;;
    --redirect) redirect=1; shift ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option '$1'; see bench/s3.sh --help" >&2; exit 2 ;;
  esac
done

if [ "$quick" -eq 1 ]; then
  runs=${runs:-1}
  layer_sizes=$((64 * KiB)),$((256 * KiB)),$((1 * MiB))
else
  runs=${runs:-5}
  layer_sizes=$((1 * MiB)),$((10 * MiB)),$((100 * MiB))
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: --runs takes a positive whole number, got '$runs'" >&2
  exit 2
fi

# ---- tools and the store

missing=()
for tool in dotnet skopeo curl jq timeout awk; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -x "$reference_binary" ] || missing+=("$reference_binary")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "error: missing ${missing[*]}; on Debian 12: apt-get install -y skopeo curl jq docker-registry (and the .NET 10 SDK)" >&2
  exit 1
fi
[ -r "$swift_log" ] || die "Swift's proxy log $swift_log is not readable; start the servers with tests/services/start.sh or set SWIFT_LOG"
swift_authenticate || die "Swift tempauth at $swift_auth_url rejected $swift_user; start the servers with tests/services/start.sh"

# ---- work directory and clean-up

work=$(mktemp -d "${TMPDIR:-/tmp}/registry-bench-s3.XXXXXX")
samples="$work/samples.tsv"
failures="$work/failures.tsv"
figures="$work/figures.tsv"
: > "$samples"
: > "$failures"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
declare -A pid=() port=() url=() root=()

clean_up() {
  local name
  for name in "${!pid[@]}"; do
    stop_process "${pid[$name]}"
  done
  if [ "$keep" -eq 1 ]; then
    echo "work directory kept: $work; objects kept under $bucket/bench-$stamp/" >&2
  else
    swift_delete_prefix "$bucket" "bench-$stamp/" || log "warning: could not delete bench-$stamp/ from $bucket"
    rm -rf "$work"
  fi
}
trap clean_up EXIT
trap 'exit 130' INT TERM

# ---- build

build_artifacts

# ---- start both registries on the same bucket, each under its own root directory

swift_create_container "$bucket" || die "could not create the bucket $bucket"
redirect_disable=$([ "$redirect" -eq 1 ] && echo false || echo true)
for name in reference ours; do
  port[$name]=$(find_free_port)
  url[$name]="http://127.0.0.1:${port[$name]}"
  root[$name]="bench-$stamp/$name"
  mkdir -p "$work/$name"
  cat > "$work/$name/config.yml" << EOF
version: 0.1
log:
  level: info
storage:
  s3:
    accesskey: '$swift_user'
    secretkey: '$swift_key'
    region: us-east-1
    regionendpoint: $s3_endpoint
    forcepathstyle: true
    secure: false
    bucket: $bucket
    rootdirectory: /${root[$name]}
  delete:
    enabled: true
  redirect:
    disable: $redirect_disable
http:
  addr: 127.0.0.1:${port[$name]}
EOF
done

# Debian's docker-registry panics at start-up when AWS_CA_BUNDLE is set.
env -u AWS_CA_BUNDLE "$reference_binary" serve "$work/reference/config.yml" > "$work/reference/registry.log" 2>&1 &
pid[reference]=$!
dotnet "$registry_dll" serve "$work/ours/config.yml" > "$work/ours/registry.log" 2>&1 &
pid[ours]=$!

for name in reference ours; do
  wait_until_ready "$name" "${pid[$name]}" "${url[$name]}" "$work/$name/registry.log"
  log "$name registry: pid ${pid[$name]}, ${url[$name]}, s3://$bucket/${root[$name]}"
done

# ---- push and pull, alternating

layers=$(tr ',' '\n' <<< "$layer_sizes" | while read -r size; do size_label "$size"; done | paste -sd, - | sed 's/,/, /g')
cat > "$figures" << EOF
push	speed	skopeo copy push of an image of 3 gzip layers ($layers)	s	lower	-
pull	speed	skopeo copy pull of the same image into an OCI layout	s	lower	-
push	usage	push	MiB	lower	-
pull	usage	pull	MiB	lower	-
EOF

# One small push and pull on each registry first, so neither is measured cold (JIT, connections).
use_sizes $((64 * KiB)),$((64 * KiB)),$((64 * KiB)) 0 0 1 0
for name in reference ours; do
  ensure_running "$name"
  log "warm-up on $name (not recorded)"
  workload_push_pull "$name" 0
done

use_sizes "$layer_sizes" 0 0 1 0
for ((run = 1; run <= runs; run++)); do
  if ((run % 2 == 1)); then order=(reference ours); else order=(ours reference); fi
  for name in "${order[@]}"; do
    ensure_running "$name"
    log "run $run/$runs: push and pull on $name"
    workload_push_pull "$name" "$run"
  done
done

# ---- store requests of a 1 KiB blob upload

requests_table="$work/requests.md"
{
  echo "| 1 KiB blob upload | registry | S3 requests | by operation |"
  echo "|---|---|---:|---|"
} > "$requests_table"
for mode in monolithic streamed; do
  for name in reference ours; do
    ensure_running "$name"
    offset=$(stat -c %s "$swift_log")
    if ! client 60 upload --registry "${url[$name]}" --repo bench/small --size $((1 * KiB)) --mode "$mode" > /dev/null; then
      fail "requests:$mode" "$name" 1 "$(client_error)"
      continue
    fi
    requests=$(s3_requests_since "$offset" "$bucket" "${root[$name]}")
    printf '| %s | %s | %s | %s |\n' "$mode" "$name" "$(awk '{ total += $1 } END { print total + 0 }' <<< "$requests")" \
      "$(awk '{ $1 = $1 " x"; print }' <<< "$requests" | paste -sd, - | sed 's/,/, /g')" >> "$requests_table"
  done
done

# ---- report

reference_version=$("$reference_binary" --version 2> /dev/null | awk '{print $NF}')
ours_version=$(dotnet "$registry_dll" --version 2> /dev/null | awk '{print $NF}')
commit=$(git -C "$repo_root" rev-parse --short HEAD 2> /dev/null || echo unknown)
if [ -n "$(git -C "$repo_root" status --porcelain -- src 2> /dev/null)" ]; then
  commit="$commit with uncommitted changes in src/"
fi
report_suffix=""
command_note=""
if [ "$quick" -eq 1 ]; then
  report_suffix=-quick
  command_note=" (smoke test with tiny sizes: the figures do not measure speed)"
fi

mkdir -p "$bench_dir/results"
report="$bench_dir/results/$stamp-s3$report_suffix.md"
{
  echo "# Registry benchmark on S3 (Swift s3api), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$command_line\`$command_note"
  echo "- runs: $runs per registry, alternating; redirects $([ "$redirect" -eq 1 ] && echo on || echo off); total time $(elapsed)"
  echo "- store: $s3_endpoint, bucket $bucket, path-style, region us-east-1; $(swift_version)"
  echo "- machine: $(machine_summary)"
  echo "- reference: distribution $reference_version (\`$reference_binary\`), ours: registry $ours_version at commit $commit"
  echo "- clients: $(skopeo --version), .NET SDK $(dotnet --version)"
  echo
  awk -v failures="$failures" -v show_targets=0 -f "$bench_dir/lib/report.awk" "$figures" "$samples"
  echo
  echo "S3 requests counted in Swift's proxy log (client requests only, not s3api's own subrequests):"
  echo
  cat "$requests_table"
} > "$report"

cat "$report"
log "table written to ${report#"$repo_root"/}"

if [ -s "$failures" ]; then
  exit 1
fi
