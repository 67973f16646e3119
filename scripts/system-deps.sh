#!/bin/sh
# Debian packages that some tests use: Chromium for rendering JavaScript-only pages and for
# checking the HTML report, a Thai font (fonts-thai-tlwg) so Thai text renders in it, and
# redis-server for the distributed crawl test (the test starts its own server on loopback), Java
# (default-jre-headless) for the Nu Html Checker and npm for it and axe-core (package.json; .ci/run
# installs them with npm ci --ignore-scripts).
# Run as root with apt-get, it installs what is missing; otherwise it says what is missing
# and carries on (the tests that need it skip with the reason).
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -d /usr/share/fonts/truetype/tlwg ] || need="$need fonts-thai-tlwg"
[ -x /usr/bin/redis-server ] || need="$need redis-server"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v npm >/dev/null 2>&1 || need="$need npm"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$need" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
else
  echo "not installing:$need (needs root and apt-get); the tests that need it will skip" >&2
fi
