#!/usr/bin/env bash
# Runs every test of Command on a fresh Debian machine: installs what the tests need, then the whole suite.
#   - Chromium (Debian package) for the browser tests of the dashboard
#   - Azurite (npm, pinned in package.json) for the recording tests against Azure Blob Storage
#   - openssl (Debian package) for the certificate of the local cluster the cluster test starts
#   - the dashboard's front-end libraries (npm, pinned in src/Command.Host/package.json; the build restores them)
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests..."
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >/dev/null
fi

# The local cluster script (deploy/local, driven by the cluster test) makes its certificate with openssl.
if ! command -v openssl >/dev/null; then
  echo "Installing openssl for the cluster test..."
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq openssl >/dev/null
fi

if [ ! -x node_modules/.bin/azurite-blob ]; then
  echo "Installing Azurite for the recording tests..."
  npm ci --no-audit --no-fund
fi

# Test modules run one after another: each starts real hosts, silos or Azurite, and the machine has two cores.
# Each module also writes a TRX report, so a failure is named again at the very end of a long log.
results=$(mktemp -d)
status=0
dotnet test --solution Command.sln --max-parallel-test-modules 1 --report-xunit-trx --results-directory "$results" "$@" || status=$?
if [ "$status" -ne 0 ] && compgen -G "$results/*.trx" >/dev/null; then
  echo
  echo "Tests that failed (name, message and the first lines of the stack):"
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { inside = 1; shown = 0
      match($0, /testName="[^"]*"/); print "  FAILED " substr($0, RSTART + 10, RLENGTH - 11); next }
    inside && /<\/UnitTestResult>/ { inside = 0; next }
    inside && shown < 14 { line = $0; sub(/^ +/, "", line); gsub(/<\/?(Output|ErrorInfo|Message|StackTrace)>/, "", line)
      gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&quot;/, "\"", line); gsub(/&amp;/, "\\&", line)
      if (line ~ /[^ ]/) { print "    " line; shown++ } }
  ' "$results"/*.trx
fi
rm -rf "$results"
exit "$status"
