# The workloads of bench/run.sh: figure definitions, registry setup and one function per workload.
# Sourced by run.sh after common.sh. A workload function takes REGISTRY RUN (run 0 is the warm-up)
# and reads its sizes from the w_* variables that run.sh sets with use_sizes.

workloads=(push_pull upload_monolithic upload_streamed upload_chunked blob_get manifest_get
  manifest_get_new_connection blob_head tags_list catalog)

declare -A static_digest=() static_size=()

# use_sizes LAYER_SIZES BLOB_SIZE CHUNKED_SIZE SECONDS PAGE_LIMIT: the sizes of the next workloads.
# A PAGE_LIMIT above 0 cuts each tags/list and _catalog walk short (warm-up only).
use_sizes() {
  w_layer_sizes=$1
  w_blob_size=$2
  w_chunked_size=$3
  w_seconds=$4
  w_page_limit=$5
}

with_commas() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<< "$1"; }

# define_figures: prints figures.tsv, one line per figure in report order:
# id, table (speed, usage or setup), label, unit, better (higher or lower), target ratio (or -).
define_figures() {
  local layers tags repos blob chunked
  layers=$(tr ',' '\n' <<< "$layer_sizes" | while read -r size; do size_label "$size"; done | paste -sd, - | sed 's/,/, /g')
  tags=$(with_commas "$tag_count")
  repos=$(with_commas "$repo_count")
  blob=$(size_label "$blob_size")
  chunked=$(size_label "$chunked_size")
  cat << EOF
push	speed	skopeo copy push of an image of 3 gzip layers ($layers)	s	lower	<=0.8
pull	speed	skopeo copy pull of the same image into an OCI layout	s	lower	<=0.8
upload_monolithic	speed	monolithic upload of a $blob blob: POST, PUT with the body	MiB/s	higher	>=3
upload_streamed	speed	streamed upload of a $blob blob: POST, one PATCH, PUT	MiB/s	higher	>=3
upload_chunked	speed	chunked upload of a $chunked blob: POST, $((chunked_size / chunk_size)) PATCHes of $(size_label "$chunk_size") with Content-Range, PUT	MiB/s	higher	-
blob_get	speed	GET of a $blob blob, $blob_get_clients clients	MiB/s	higher	>=1.2
manifest_get	speed	GET of a manifest by tag, $load_clients kept-alive connections (wrk)	requests/s	higher	>=2
manifest_get_new_connection	speed	GET of a manifest by tag, $load_clients clients, a new connection per request (wrk, Connection: close)	requests/s	higher	>=2
blob_head	speed	HEAD of a blob, $load_clients kept-alive connections (hey)	requests/s	higher	>=2
tags_list	speed	tags/list of a repository with $tags tags, full listings on one kept-alive connection (wrk)	listings/s	higher	>=10
catalog	speed	_catalog over $repos repositories in pages of $catalog_page, one client, full walks	walks/s	higher	>=10
idle	usage	idle, at the start of each run	MiB	lower	-
push	usage	push	MiB	lower	-
pull	usage	pull	MiB	lower	-
upload_monolithic	usage	monolithic upload	MiB	lower	-
upload_streamed	usage	streamed upload	MiB	lower	-
upload_chunked	usage	chunked upload	MiB	lower	-
blob_get	usage	blob GET	MiB	lower	-
manifest_get	usage	manifest GET, kept alive	MiB	lower	-
manifest_get_new_connection	usage	manifest GET, new connections	MiB	lower	-
blob_head	usage	blob HEAD	MiB	lower	-
tags_list	usage	tags/list	MiB	lower	-
catalog	usage	_catalog	MiB	lower	-
setup_tags	usage	setup: $tags tags	MiB	lower	-
setup_repos	usage	setup: $repos repositories	MiB	lower	-
setup_tags	setup	PUT of one manifest under $tags new tags, $load_clients clients	requests/s	higher	-
setup_repos	setup	creation of $repos repositories (one blob mount and one manifest PUT each), $load_clients clients	repositories/s	higher	-
EOF
}

# set_up_registry NAME: pushes the image whose layer blob_get and blob_head read, the tags of
# tags_list and the repositories of catalog. Any failure here stops the benchmark.
set_up_registry() {
  local name=$1 out
  log "setup on $name: a $(size_label "$blob_size") image, $(with_commas "$tag_count") tags, $(with_commas "$repo_count") repositories"
  out=$(client 600 put-image --registry "${url[$name]}" --repo bench/static --tag latest --layer-size "$blob_size") ||
    die "setup on $name: put-image failed: $(client_error)"
  static_digest[$name]=$(jq -r .layer_digest <<< "$out")
  static_size[$name]=$(jq -r .layer_size <<< "$out")

  usage_begin "$name"
  out=$(client 900 fill-tags --registry "${url[$name]}" --repo bench/tags --count "$tag_count" --concurrency "$load_clients") ||
    die "setup on $name: fill-tags failed: $(client_error)"
  usage_end setup_tags "$name" 1
  record setup_tags "$name" 1 "$(jq -r .requests_per_s <<< "$out")"

  usage_begin "$name"
  out=$(client 900 fill-repos --registry "${url[$name]}" --prefix catalog/r --count "$repo_count" --concurrency "$load_clients") ||
    die "setup on $name: fill-repos failed: $(client_error)"
  usage_end setup_repos "$name" 1
  record setup_repos "$name" 1 "$(jq -r .repositories_per_s <<< "$out")"
}

# run_workloads NAME RUN: every workload once on one registry.
run_workloads() {
  local workload
  for workload in "${workloads[@]}"; do
    "workload_$workload" "$1" "$2"
  done
}

# skopeo_copy SOURCE DESTINATION: one skopeo copy without TLS verification, credentials or
# signature policy files of this machine, stopped after 10 minutes.
skopeo_copy() {
  timeout -k 10 600 skopeo --insecure-policy copy --quiet --authfile "$work/auth.json" \
    --src-tls-verify=false --dest-tls-verify=false "$1" "$2" > "$work/skopeo.err" 2>&1
}

workload_push_pull() {
  local name=$1 run=$2 image="$work/image-$1-$2" pulled="$work/pulled-$1-$2" out expected start
  local target="docker://${url[$name]#http://}/bench/image:run$run"
  [ -f "$work/auth.json" ] || echo '{"auths":{}}' > "$work/auth.json"

  # Fresh random layers on every call, so no blob is known to the registry or to skopeo's blob-info cache.
  if ! out=$(client 300 make-image --dir "$image" --sizes "$w_layer_sizes"); then
    fail push "$name" "$run" "make-image failed: $(client_error)"
    fail pull "$name" "$run" "skipped: no image to push"
    return
  fi
  expected=$(jq -r .manifest_digest <<< "$out")

  settle_disk
  usage_begin "$name"
  start=$EPOCHREALTIME
  if ! skopeo_copy "oci:$image:v1" "$target"; then
    fail push "$name" "$run" "skopeo copy failed: $(tail -n 3 "$work/skopeo.err")"
    fail pull "$name" "$run" "skipped: the push failed"
    rm -rf "$image"
    return
  fi
  record push "$name" "$run" "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f\n", b - a }')"
  usage_end push "$name" "$run"
  rm -rf "$image"

  settle_disk
  usage_begin "$name"
  start=$EPOCHREALTIME
  if ! skopeo_copy "$target" "oci:$pulled:v1"; then
    fail pull "$name" "$run" "skopeo copy failed: $(tail -n 3 "$work/skopeo.err")"
  elif [ "$(jq -r '.manifests[0].digest' "$pulled/index.json")" != "$expected" ]; then
    fail pull "$name" "$run" "the pulled manifest is not $expected"
  else
    record pull "$name" "$run" "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f\n", b - a }')"
    usage_end pull "$name" "$run"
  fi
  rm -rf "$pulled"
}

# upload FIGURE MODE SIZE NAME RUN: one upload of fresh random bytes with bench-client.
upload() {
  local figure=$1 mode=$2 size=$3 name=$4 run=$5 out
  settle_disk
  usage_begin "$name"
  if out=$(client 600 upload --registry "${url[$name]}" --repo bench/upload --size "$size" --mode "$mode" --chunk-size "$chunk_size"); then
    usage_end "$figure" "$name" "$run"
    record "$figure" "$name" "$run" "$(jq -r .mib_per_s <<< "$out")"
  else
    fail "$figure" "$name" "$run" "$(client_error)"
  fi
}

workload_upload_monolithic() { upload upload_monolithic monolithic "$w_blob_size" "$1" "$2"; }
workload_upload_streamed() { upload upload_streamed streamed "$w_blob_size" "$1" "$2"; }
workload_upload_chunked() { upload upload_chunked chunked "$w_chunked_size" "$1" "$2"; }

workload_blob_get() {
  local name=$1 run=$2 out
  usage_begin "$name"
  if out=$(client $((w_seconds + 300)) get-blob --registry "${url[$name]}" --repo bench/static \
    --digest "${static_digest[$name]}" --size "${static_size[$name]}" --clients "$blob_get_clients" \
    --seconds "$w_seconds" --max-requests 100000); then
    usage_end blob_get "$name" "$run"
    record blob_get "$name" "$run" "$(jq -r .mib_per_s <<< "$out")"
  else
    fail blob_get "$name" "$run" "$(client_error)"
  fi
}

# wrk_rate FIGURE NAME RUN CONNECTIONS URL HEADER...: requests per second of a wrk GET load test
# in which every response must be 2xx or 3xx and no socket error may occur.
wrk_rate() {
  local figure=$1 name=$2 run=$3 connections=$4 target=$5 header headers=() threads
  shift 5
  for header in "$@"; do headers+=(-H "$header"); done
  threads=$(nproc)
  ((threads <= connections)) || threads=$connections

  usage_begin "$name"
  if ! timeout -k 10 $((w_seconds + 60)) wrk -t "$threads" -c "$connections" -d "${w_seconds}s" --timeout 10s \
    "${headers[@]}" "$target" > "$work/wrk.out" 2>&1; then
    fail "$figure" "$name" "$run" "wrk failed: $(tail -n 3 "$work/wrk.out")"
  elif grep -qE 'Non-2xx|Socket errors' "$work/wrk.out"; then
    fail "$figure" "$name" "$run" "$(grep -E 'requests in|Non-2xx|Socket errors' "$work/wrk.out")"
  else
    usage_end "$figure" "$name" "$run"
    record "$figure" "$name" "$run" "$(awk '$1 == "Requests/sec:" { print $2 }' "$work/wrk.out")"
  fi
}

workload_manifest_get() {
  wrk_rate manifest_get "$1" "$2" "$load_clients" "${url[$1]}/v2/bench/static/manifests/latest" "Accept: $manifest_accept"
}

workload_manifest_get_new_connection() {
  wrk_rate manifest_get_new_connection "$1" "$2" "$load_clients" "${url[$1]}/v2/bench/static/manifests/latest" \
    "Accept: $manifest_accept" "Connection: close"
}

# HEAD goes through hey: wrk 4.1 waits for a body after a HEAD response that has a Content-Length.
workload_blob_head() {
  local name=$1 run=$2
  usage_begin "$name"
  if ! timeout -k 10 $((w_seconds + 60)) hey -z "${w_seconds}s" -c "$load_clients" -m HEAD \
    "${url[$name]}/v2/bench/static/blobs/${static_digest[$name]}" > "$work/hey.out" 2>&1; then
    fail blob_head "$name" "$run" "hey failed: $(tail -n 3 "$work/hey.out")"
  elif grep -q 'Error distribution' "$work/hey.out" ||
    awk '/^Status code distribution:/ { listing = 1; next } listing && /\[[0-9]+\]/ && $1 != "[200]" { other = 1 } END { exit !other }' "$work/hey.out"; then
    fail blob_head "$name" "$run" "not every response was 200: $(sed -n '/^Status code distribution:/,$p' "$work/hey.out" | tr -s ' \n' ' ')"
  else
    usage_end blob_head "$name" "$run"
    record blob_head "$name" "$run" "$(awk '$1 == "Requests/sec:" { print $2 }' "$work/hey.out")"
  fi
}

# bench-client first reads one listing and checks that it contains every tag exactly once, so a
# registry that returns a short listing fails here instead of looking fast. The rate then comes
# from wrk, whose cost per listing is small: bench-client spends about 1 ms parsing each 110 KB
# listing, which would hide most of the difference between the registries.
workload_tags_list() {
  local name=$1 run=$2
  if ! client 600 walk-tags --registry "${url[$name]}" --repo bench/tags --expect "$tag_count" \
    --seconds 0.001 --max-walks 1 --page-limit "$w_page_limit" > /dev/null; then
    fail tags_list "$name" "$run" "$(client_error)"
    return
  fi
  wrk_rate tags_list "$name" "$run" 1 "${url[$name]}/v2/bench/tags/tags/list"
}

workload_catalog() {
  local name=$1 run=$2 out
  usage_begin "$name"
  if out=$(client $((w_seconds + 600)) walk-catalog --registry "${url[$name]}" --prefix catalog/r \
    --expect "$repo_count" --page "$catalog_page" --seconds "$w_seconds" --max-walks 100000 \
    --page-limit "$w_page_limit"); then
    usage_end catalog "$name" "$run"
    record catalog "$name" "$run" "$(jq -r .walks_per_s <<< "$out")"
  else
    fail catalog "$name" "$run" "$(client_error)"
  fi
}
