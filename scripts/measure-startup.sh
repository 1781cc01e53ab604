#!/usr/bin/env bash
# Measures the default run (embedded MariaDB, demo store): start time on a fresh data folder and on a
# restart, and the resident memory of the service and of its MariaDB after start and after some calls.
# Usage: scripts/measure-startup.sh   (builds the jar first; uses target/startup-measure as data folder)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
jar=$(ls target/shipstream-openmage-bridge-*.jar | grep -v original | head -1)
data=target/startup-measure
rm -rf "$data"
port=18181

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

measure() {
  local label=$1 log="target/startup-measure-$1.log"
  java -jar "$jar" --server.port=$port --shipstream.embedded-db.data-dir="$data" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    grep -q 'Started ShipStreamBridgeApplication' "$log" && break
    kill -0 $pid 2>/dev/null || { echo "service exited; see $log"; exit 1; }
    sleep 0.5
  done
  local started db_pid key session
  started=$(grep -o 'Started ShipStreamBridgeApplication in [0-9.]* seconds' "$log" | grep -o '[0-9.]*')
  db_pid=$(pgrep -f "mariadbd.*$(realpath "$data")" | head -1 || true)
  local rss_start db_rss_start
  rss_start=$(rss_kb $pid); db_rss_start=$(rss_kb "${db_pid:-0}")
  key=$(grep -o "API key '[^']*'" "$log" | head -1 | cut -d"'" -f2)
  session=$(curl -s -X POST -H 'Content-Type: text/xml' --data-binary "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:OpenMage\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><SOAP-ENV:Body><ns1:login><username xsi:type=\"xsd:string\">shipstream</username><apiKey xsi:type=\"xsd:string\">$key</apiKey></ns1:login></SOAP-ENV:Body></SOAP-ENV:Envelope>" "http://127.0.0.1:$port/api/soap/" | grep -o '[0-9a-f]\{32\}' | head -1)
  for _ in $(seq 1 500); do
    curl -s -o /dev/null -X POST -H 'Content-Type: text/xml' --data-binary "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:OpenMage\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><SOAP-ENV:Body><ns1:call><sessionId xsi:type=\"xsd:string\">$session</sessionId><resourcePath xsi:type=\"xsd:string\">shipstream.info</resourcePath></ns1:call></SOAP-ENV:Body></SOAP-ENV:Envelope>" "http://127.0.0.1:$port/api/soap/"
  done
  printf '%-12s started in %6s s | service RSS %4d MB after start, %4d MB after 500 calls | MariaDB RSS %4d MB\n' \
    "$label" "$started" $((rss_start / 1024)) $(($(rss_kb $pid) / 1024)) $(($(rss_kb "${db_pid:-0}") / 1024))
  kill $pid; wait $pid 2>/dev/null || true
}

measure first-start
measure restart
