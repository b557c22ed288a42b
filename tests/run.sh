#!/usr/bin/env bash
# Builds Registry.sln once in Release, then runs `dotnet test` on every test project of the
# solution, one project after another, each with a TRX logger.
#
# Usage: tests/run.sh [DOTNET_TEST_OPTION...]
#   Every argument is passed unchanged to each `dotnet test` call, for example:
#     tests/run.sh --filter 'Category!=EndToEnd'           # everything but the end-to-end tests
#     tests/run.sh --filter 'FullyQualifiedName~Skopeo'    # one group of tests
#   Works from any directory.
#
# Environment:
#   TEST_RESULTS_DIR   directory for the TRX files; it is emptied first. Default: a new
#                      directory under ${TMPDIR:-/tmp}, printed before the summary.
#
# The end-to-end tests (Category=EndToEnd) start real processes on 127.0.0.1 and need skopeo,
# podman, docker-registry, jq, gzip and openssl (.ci/run installs them), and root for podman.
#
# Before the tests, tests/services/start.sh starts the storage emulators that the storage tests
# use (Swift, Azurite, s3rver, the GCS emulator), skipping those that already respond on their
# ports, and the services it started are stopped when this script exits. When a service cannot
# start (for example `npm ci` was not run in tests/services), the reason is printed and the tests
# run anyway: the tests of that backend then fail with a message naming its endpoint.
#
# The last line printed is "N passed, N failed, N skipped", summed over the TRX files of all
# projects. The exit code is non-zero when the build fails, a test fails, a project fails to run
# (test host crash or hang, invalid options) or no test runs at all.

set -uo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root" || exit 1

# Per-test hang limit: the test host is killed, and the run fails, when one test runs longer.
hang_timeout=10m

print_summary() {
  echo "$1 passed, $2 failed, $3 skipped"
}

# counter NAME ELEMENT: prints the value of attribute NAME of a TRX <Counters .../> element (0 if absent).
counter() {
  local value
  value=$(sed -nE "s/.*[[:space:]]$1=\"([0-9]+)\".*/\1/p" <<<"$2")
  echo "${value:-0}"
}

if [ -n "${TEST_RESULTS_DIR:-}" ]; then
  rm -rf "$TEST_RESULTS_DIR"
  mkdir -p "$TEST_RESULTS_DIR"
  results_dir=$(cd "$TEST_RESULTS_DIR" && pwd)
else
  results_dir=$(mktemp -d "${TMPDIR:-/tmp}/registry-test-results.XXXXXX")
fi

if ! dotnet build Registry.sln --configuration Release; then
  echo "error: the build failed, so no test ran" >&2
  print_summary 0 0 0
  exit 1
fi

# Test projects are those of the solution that reference the test SDK or set IsTestProject.
services_dir=$(mktemp -d "${TMPDIR:-/tmp}/registry-test-services.XXXXXX")
# Stops what start.sh started; services that were already running stay. The trap covers early
# exits and interrupts, silently, so that the summary stays the last line.
stop_services() {
  tests/services/stop.sh "$services_dir"
  rm -rf "$services_dir"
}
trap 'stop_services >/dev/null 2>&1' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo
echo "=== storage test services"
if ! tests/services/start.sh "$services_dir"; then
  echo "warning: some storage test services did not start (see above); the storage tests that need them will fail" >&2
fi

projects=()
while IFS= read -r project; do
  if grep -qE '<IsTestProject>true</IsTestProject>|"Microsoft\.NET\.Test\.Sdk"' "$project"; then
    projects+=("$project")
  fi
done < <(dotnet sln Registry.sln list | tr '\\' '/' | grep -E '\.csproj$')

if [ "${#projects[@]}" -eq 0 ]; then
  echo "error: Registry.sln lists no test project" >&2
  print_summary 0 0 0
  exit 1
fi

passed=0
failed=0
skipped=0
broken_projects=()

for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo
  echo "=== $name ($project)"
  dotnet test "$project" --configuration Release --no-build \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results_dir/$name" \
    --blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none \
    "$@"
  exit_code=$?

  trx="$results_dir/$name/$name.trx"
  element=""
  if [ -f "$trx" ]; then
    element=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  fi
  if [ -z "$element" ]; then
    if [ "$exit_code" -ne 0 ]; then
      broken_projects+=("$name (dotnet test exited with code $exit_code and wrote no test counts)")
    fi
    continue
  fi

  total=$(counter total "$element")
  executed=$(counter executed "$element")
  project_failed=$(($(counter failed "$element") + $(counter error "$element") + $(counter timeout "$element") + $(counter aborted "$element")))
  passed=$((passed + $(counter passed "$element")))
  failed=$((failed + project_failed))
  # xunit's skipped tests are counted in total but not in executed.
  skipped=$((skipped + total - executed))

  if [ "$exit_code" -ne 0 ] && [ "$project_failed" -eq 0 ]; then
    broken_projects+=("$name (dotnet test exited with code $exit_code although no test failed: test host crash, hang or invalid options)")
  fi
done

echo
echo "=== stopping the storage test services"
stop_services
trap - EXIT

echo
echo "Test results (TRX): $results_dir"
status=0
for broken in "${broken_projects[@]}"; do
  echo "error: project failed to run: $broken" >&2
  status=1
done
if [ "$failed" -gt 0 ]; then
  status=1
fi
if [ $((passed + failed)) -eq 0 ]; then
  echo "error: no test was executed" >&2
  status=1
fi

print_summary "$passed" "$failed" "$skipped"
exit "$status"
