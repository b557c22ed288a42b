#!/usr/bin/env bash
# Benchmarks this registry against distribution v2.8.2 (Debian's docker-registry) on this machine.
#
# Usage: bench/run.sh [OPTION...]
#
#   --runs N          measured runs per registry (default 5). Each run does every workload on both
#                     registries, one after the other: the reference first in odd runs, ours first
#                     in even runs
#   --quick           smoke test: 1 run unless --runs is given, tiny sizes, 1 s load tests, 300 tags
#                     and 250 repositories. Its figures do not measure speed
#   --seconds S       duration of each load test in whole seconds (default 5; 1 with --quick)
#   --chunked-mib N   size of the blob of the chunked upload, in MiB (default 16)
#   --no-build        use the registry and client that an earlier run built in bench/.artifacts
#   --keep            keep the work directory (registry data, logs, raw samples)
#   -h, --help        show this help
#
# It builds src/Silo and bench/Client in Release into bench/.artifacts, starts both registries on
# 127.0.0.1 with filesystem storage in a new temporary directory, fills them, runs the workloads,
# prints a Markdown table of min / median / max per figure and the ratio ours / reference of the
# medians, and writes the same table to bench/results/<UTC time>.md. Progress goes to standard error.
# The exit code is 0 when every measurement succeeded, 1 otherwise (the table lists the failures).
#
# Needs: the .NET 10 SDK, skopeo, wrk, hey, curl, jq, and docker-registry (Debian 12:
# apt-get install -y skopeo wrk hey curl jq docker-registry). bench/README.md describes each figure.

set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
# shellcheck source=bench/lib/common.sh
source "$bench_dir/lib/common.sh"
# shellcheck source=bench/lib/workloads.sh
source "$bench_dir/lib/workloads.sh"

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# ---- options

runs=""
quick=0
load_seconds=""
chunked_mib=16
build=1
keep=0
command_line="bench/run.sh $*"

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:-}; shift 2 ;;
    --quick) quick=1; shift ;;
    --seconds) load_seconds=${2:-}; shift 2 ;;
    --chunked-mib) chunked_mib=${2:-}; shift 2 ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option '$1'; see bench/run.sh --help" >&2; exit 2 ;;
  esac
done

if [ "$quick" -eq 1 ]; then
  runs=${runs:-1}
  load_seconds=${load_seconds:-1}
  layer_sizes=$((64 * KiB)),$((256 * KiB)),$((1 * MiB))
  blob_size=$((1 * MiB))
  chunked_size=$((1 * MiB))
  tag_count=300
  repo_count=250
  idle_pause=1
else
  runs=${runs:-5}
  load_seconds=${load_seconds:-5}
  layer_sizes=$((1 * MiB)),$((10 * MiB)),$((100 * MiB))
  blob_size=$((100 * MiB))
  chunked_size=$((chunked_mib * MiB))
  tag_count=10000
  repo_count=10000
  idle_pause=3
fi

for value in "$runs" "$load_seconds" "$chunked_mib"; do
  if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: --runs, --seconds and --chunked-mib take a positive whole number, got '$value'" >&2
    exit 2
  fi
done

chunk_size=$((16 * KiB))
load_clients=16
blob_get_clients=4
catalog_page=100

# ---- tools

missing=()
for tool in dotnet skopeo wrk hey curl jq timeout awk; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
[ -x "$reference_binary" ] || missing+=("$reference_binary")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "error: missing ${missing[*]}; on Debian 12: apt-get install -y skopeo wrk hey curl jq docker-registry (and the .NET 10 SDK)" >&2
  exit 1
fi

# ---- work directory and clean-up

work=$(mktemp -d "${TMPDIR:-/tmp}/registry-bench.XXXXXX")
declare -A pid=() port=() url=()

stop_registries() {
  local name
  for name in "${!pid[@]}"; do
    stop_process "${pid[$name]}"
  done
}

clean_up() {
  stop_registries
  if [ "$keep" -eq 1 ]; then
    echo "work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap clean_up EXIT
trap 'exit 130' INT TERM

# ---- build

build_artifacts

# ---- start both registries

for name in reference ours; do
  port[$name]=$(find_free_port)
  url[$name]="http://127.0.0.1:${port[$name]}"
  mkdir -p "$work/$name/data"
  cat > "$work/$name/config.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/$name/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port[$name]}
EOF
done

# Debian's docker-registry panics at start-up when AWS_CA_BUNDLE is set, even with filesystem storage.
env -u AWS_CA_BUNDLE "$reference_binary" serve "$work/reference/config.yml" > "$work/reference/registry.log" 2>&1 &
pid[reference]=$!
dotnet "$registry_dll" serve "$work/ours/config.yml" > "$work/ours/registry.log" 2>&1 &
pid[ours]=$!

for name in reference ours; do
  wait_until_ready "$name" "${pid[$name]}" "${url[$name]}" "$work/$name/registry.log"
  reset_peak_rss "${pid[$name]}" || die "cannot write /proc/${pid[$name]}/clear_refs to reset the peak RSS of the $name registry"
  log "$name registry: pid ${pid[$name]}, ${url[$name]}"
done

# ---- figures, setup, warm-up, measured runs

samples="$work/samples.tsv"
failures="$work/failures.tsv"
figures="$work/figures.tsv"
: > "$samples"
: > "$failures"
define_figures > "$figures"

for name in reference ours; do
  ensure_running "$name"
  set_up_registry "$name"
done

# A short pass of every workload on each registry first, so neither is measured cold (JIT, caches).
# Its walks stop after 3 pages: one full _catalog walk of the reference takes tens of seconds.
use_sizes $((64 * KiB)),$((64 * KiB)),$((64 * KiB)) $((1 * MiB)) $((256 * KiB)) 1 3
for name in reference ours; do
  ensure_running "$name"
  log "warm-up on $name (not recorded)"
  run_workloads "$name" 0
done

use_sizes "$layer_sizes" "$blob_size" "$chunked_size" "$load_seconds" 0

for ((run = 1; run <= runs; run++)); do
  if ((run % 2 == 1)); then order=(reference ours); else order=(ours reference); fi
  sleep "$idle_pause"
  for name in "${order[@]}"; do
    record rss:idle "$name" "$run" "$(rss_mib "${pid[$name]}")"
  done
  for workload in "${workloads[@]}"; do
    for name in "${order[@]}"; do
      ensure_running "$name"
      log "run $run/$runs: $workload on $name"
      "workload_$workload" "$name" "$run"
    done
  done
done

# ---- report

reference_version=$("$reference_binary" --version 2>/dev/null | awk '{print $NF}')
ours_version=$(dotnet "$registry_dll" --version 2>/dev/null | awk '{print $NF}')
commit=$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$repo_root" status --porcelain -- src 2>/dev/null)" ]; then
  commit="$commit with uncommitted changes in src/"
fi

report_suffix=""
command_note=""
if [ "$quick" -eq 1 ]; then
  report_suffix=-quick
  command_note=" (smoke test with tiny sizes: the figures do not measure speed)"
fi

mkdir -p "$bench_dir/results"
report="$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)$report_suffix.md"
{
  echo "# Registry benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$command_line\`$command_note"
  echo "- runs: $runs per registry, alternating; load tests of $load_seconds s; total time $(elapsed)"
  echo "- machine: $(machine_summary)"
  echo "- reference: distribution $reference_version (\`$reference_binary\`), ours: registry $ours_version at commit $commit"
  echo "- clients: $(skopeo --version), $(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}'), hey, .NET SDK $(dotnet --version)"
  echo
  awk -v failures="$failures" -v show_targets=$((1 - quick)) -f "$bench_dir/lib/report.awk" "$figures" "$samples"
} > "$report"

cat "$report"
log "table written to ${report#"$repo_root"/}"

if [ -s "$failures" ]; then
  exit 1
fi
