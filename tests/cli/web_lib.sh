# tests/cli/web_lib.sh - sourced by the web tests (t1100-t1199) after lib.sh:
# a real `bangfu serve` on a free loopback port over the script's $db.
#   serve_start [OPTION...]   starts it; sets $url (http://127.0.0.1:PORT) and $serve_pid
#   serve_stop                SIGTERM, and fails unless it stopped cleanly (exit 0: under
#                             ASan a leak or an error makes it non-zero)
#   browser_or_skip           ends the test as skipped, saying why, without Debian's chromium
#                             (sets $chromium) or node with playwright-core (sets $checkout),
#                             and sets $shots, the folder of screenshots
# web_client.py (beside this file) is the HTTP client of the tests' Python parts.

web_tests_dir="$(cd "$(dirname "$0")" && pwd)"
export PYTHONPATH="$web_tests_dir${PYTHONPATH:+:$PYTHONPATH}"
serve_pid=""

serve_start() {
    : >"$WORK/serve.out"
    ASAN_OPTIONS=${ASAN_OPTIONS_LEAKS:-${ASAN_OPTIONS:-}} \
        "$BANGFU" --db "$db" serve --listen 127.0.0.1:0 --threads 2 "$@" >"$WORK/serve.out" \
        2>"$WORK/serve.err" &
    serve_pid=$!
    trap serve_stop EXIT
    _port=""
    for _i in $(seq 300); do
        _port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
        [ -n "$_port" ] && break
        kill -0 "$serve_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$_port" ] || fail "bangfu serve did not start: $(cat "$WORK/serve.err")"
    url="http://127.0.0.1:$_port"
}

browser_or_skip() {
    checkout="$(cd "$web_tests_dir/../.." && pwd)"
    chromium=${CHROMIUM:-/usr/bin/chromium}
    if [ ! -x "$chromium" ]; then
        echo "skipped: no chromium at $chromium (apt-get install chromium, or scripts/setup.sh)"
        exit 0
    fi
    if [ ! -d "$checkout/node_modules/playwright-core" ] || ! command -v node >/dev/null; then
        echo "skipped: node or node_modules/playwright-core missing (run scripts/setup.sh)"
        exit 0
    fi
    shots="$checkout/build/screenshots/$ENGINE"
    mkdir -p "$shots"
}

serve_stop() {
    [ -n "$serve_pid" ] || return 0
    _pid=$serve_pid
    serve_pid=""
    kill -TERM "$_pid" 2>/dev/null || true
    _rc=0
    wait "$_pid" || _rc=$?
    if [ "$_rc" != 0 ]; then
        echo "FAIL: bangfu serve exited $_rc; its stderr:" >&2
        tail -40 "$WORK/serve.err" >&2
        exit 1
    fi
}
