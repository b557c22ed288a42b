# Helpers of bench/s3.sh for the Swift all-in-one: tempauth, the bucket, clean-up and the count of
# S3 requests in Swift's proxy log. Sourced by s3.sh after common.sh.

s3_endpoint=http://127.0.0.1:6040
swift_auth_url=http://127.0.0.1:6040/auth/v1.0
swift_user=test:tester
swift_key=testing
bucket=registry-bench
# Swift's proxy log: SWIFT_LOG, else where tests/services/start.sh writes it by default, else where
# the team's shared all-in-one writes it.
swift_log=${SWIFT_LOG:-}
if [ -z "$swift_log" ]; then
  for swift_log in "${TMPDIR:-/tmp}/registry-test-services/swift/log/swift.log" /tmp/registry-services/swift/log/swift.log; do
    [ -r "$swift_log" ] && break
  done
fi

# swift_authenticate: sets swift_token and swift_storage_url from tempauth (auth v1).
swift_authenticate() {
  local headers
  headers=$(curl --noproxy '*' -sf --max-time 10 -D - -o /dev/null \
    -H "X-Auth-User: $swift_user" -H "X-Auth-Key: $swift_key" "$swift_auth_url") || return 1
  swift_token=$(awk -F': ' 'tolower($1) == "x-auth-token" { print $2 }' <<< "$headers" | tr -d '\r')
  swift_storage_url=$(awk -F': ' 'tolower($1) == "x-storage-url" { print $2 }' <<< "$headers" | tr -d '\r')
  [ -n "$swift_token" ] && [ -n "$swift_storage_url" ]
}

# swift_create_container NAME: creates the container, which s3api serves as the bucket NAME.
swift_create_container() {
  curl --noproxy '*' -sf --max-time 10 -o /dev/null -X PUT -H "X-Auth-Token: $swift_token" "$swift_storage_url/$1"
}

# swift_list CONTAINER PREFIX: prints the object names under PREFIX, one per line.
swift_list() {
  local marker="" page
  while :; do
    page=$(curl --noproxy '*' -sf --max-time 30 -H "X-Auth-Token: $swift_token" -G "$swift_storage_url/$1" \
      --data-urlencode format=json --data-urlencode "prefix=$2" --data-urlencode "marker=$marker") || return 1
    [ "$(jq length <<< "$page")" -gt 0 ] || return 0
    jq -r '.[].name' <<< "$page"
    marker=$(jq -r '.[-1].name' <<< "$page")
  done
}

# swift_delete_prefix CONTAINER PREFIX: deletes every object under PREFIX in CONTAINER and in the
# CONTAINER+segments container, where s3api keeps the parts of multipart uploads.
swift_delete_prefix() {
  local container name
  for container in "$1" "$1+segments"; do
    swift_list "$container" "$2" | while IFS= read -r name; do
      curl --noproxy '*' -s --max-time 30 -o /dev/null -X DELETE -H "X-Auth-Token: $swift_token" \
        "$swift_storage_url/$(jq -rn --arg c "$container" '$c | @uri')/$(jq -rn --arg n "$name" '$n | @uri' | sed 's/%2F/\//g')"
    done
  done
}

swift_version() {
  curl --noproxy '*' -sf --max-time 10 "$s3_endpoint/info" | jq -r '"Swift " + .swift.version' 2> /dev/null || echo "Swift (version unknown)"
}

# s3_requests_since OFFSET BUCKET ROOT: waits until Swift's proxy log stops growing (at most 5 s,
# since it arrives over UDP), then prints "COUNT OPERATION" for each kind of S3 request made on
# BUCKET/ROOT/ after byte OFFSET of the log. Lines for /v1/ paths are s3api's own subrequests to
# Swift and are not counted. A multi-object delete names its keys in the body, so it is not counted.
# A CopyObject counts as a PUT object.
s3_requests_since() {
  local offset=$1 bucket_name=$2 root_prefix=$3 size previous=-1 attempt
  for attempt in $(seq 1 50); do
    size=$(stat -c %s "$swift_log")
    [ "$size" -eq "$previous" ] && break
    previous=$size
    sleep 0.1
  done
  tail -c +$((offset + 1)) "$swift_log" | awk -v bucket="/$bucket_name" -v root="$root_prefix" '
    # Fields of a proxy-server access line: tag, client, remote, time, method, path (query URL-encoded), ...
    $1 ~ /proxy-server:$/ && index($6, bucket) == 1 {
      path = $6
      gsub(/%25/, "%", path); gsub(/%2F/, "/", path); gsub(/%3F/, "?", path); gsub(/%3D/, "=", path); gsub(/%26/, "\\&", path)
      if (index(path, root) == 0) next
      query = index(path, "?") ? substr(path, index(path, "?") + 1) : ""
      key = substr(path, 1, index(path, "?") ? index(path, "?") - 1 : length(path))
      # AWSSDK.S3 lists as GET /BUCKET/?list-type=2, the Go SDK as GET /BUCKET?prefix=...
      sub(/\/$/, "", key)
      if (query ~ /(^|&)uploads(=|&|$)/) operation = $5 == "POST" ? "create multipart upload" : "list multipart uploads"
      else if (key == bucket) operation = $5 == "GET" ? "list objects" : $5 " bucket"
      else if (query ~ /partNumber=/) operation = "upload part"
      else if (query ~ /uploadId=/) operation = $5 == "POST" ? "complete multipart upload" : $5 == "DELETE" ? "abort multipart upload" : "list parts"
      # Swift 2.30 logs CreateMultipartUpload without its ?uploads query, and S3 has no other object POST that a registry sends.
      else if ($5 == "POST") operation = "create multipart upload"
      else operation = $5 " object"
      count[operation]++
    }
    END { for (operation in count) print count[operation], operation }' | sort -k2
}
