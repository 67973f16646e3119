#!/bin/sh
# Debian packages that some tests use: Chromium for rendering JavaScript-only pages and for
# checking the HTML report, a Thai font (fonts-thai-tlwg) so Thai text renders in it,
# redis-server for the distributed crawl test (the test starts its own server on loopback), Java
# (default-jre-headless) for the Nu Html Checker, poppler-utils (pdftoppm, pdftotext) to check the
# PDFs `egovscan report --pdf` prints, and npm, with which it then installs the pinned vnu-jar and
# axe-core of package.json into node_modules/ (npm ci --ignore-scripts).
# Run as root with apt-get, it installs what is missing; otherwise it says what is missing
# and carries on (the tests that need it skip with the reason).
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -d /usr/share/fonts/truetype/tlwg ] || need="$need fonts-thai-tlwg"
[ -x /usr/bin/redis-server ] || need="$need redis-server"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v npm >/dev/null 2>&1 || need="$need npm"
[ -x /usr/bin/pdftoppm ] || need="$need poppler-utils"
if [ -z "$need" ]; then
  :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$need" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
else
  echo "not installing:$need (needs root and apt-get); the tests that need it will skip" >&2
fi
cd "$(dirname "$0")/.." || exit 1
if command -v npm >/dev/null 2>&1; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null || echo "npm ci failed: the technology checks' tests will skip" >&2
else
  echo "no npm: vnu-jar and axe-core not installed; the technology checks' tests will skip" >&2
fi
exit 0
