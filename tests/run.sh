#!/usr/bin/env bash
# Runs every test of nanoFramework.BMS on a fresh machine: installs what the tests need (mosquitto), builds
# the solution (which includes the nanoFramework gate: the firmware compiled against
# nanoFramework.CoreLibrary's mscorlib), then runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# The MQTT tests start their own mosquitto on a free loopback port; install it when missing.
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "== installing mosquitto"
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y mosquitto
fi

configuration=Release

echo "== build (host firmware, simulated board, nanoFramework gate, tests)"
dotnet build nanoFramework.BMS.sln -c "$configuration" -nologo -v quiet

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test nanoFramework.BMS.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI: the totals over every test assembly.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ | bc)
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ | bc)
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | grep -oE '[0-9]+' | paste -sd+ | bc)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
