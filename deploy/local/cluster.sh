#!/usr/bin/env bash
# A cluster of Command hosts on this machine: Azurite (blob and table storage) and N hosts as separate processes on
# distinct ports, joined through Azure Table clustering, recording to Azurite, talking mutual TLS with a cluster
# certificate made for the run. The way to try a cluster without a container runtime.
#
#   deploy/local/cluster.sh start [--hosts N] [--state DIR] [--port P]   start Azurite and N hosts (default 3)
#   deploy/local/cluster.sh start-host I [--state DIR]                   start host I again (one that stopped or was
#                                                                        killed) as it was, and wait until it is healthy
#   deploy/local/cluster.sh stop [--state DIR]                           stop them (hosts first, then Azurite)
#   deploy/local/cluster.sh status [--state DIR]                         what runs, and where
#
# Host i's dashboard is http://127.0.0.1:(P+i) (P defaults to 5100); its silo port is 11200+(P-5100)+i and its gateway
# port 12200+(P-5100)+i (each its own: a host started again on a port another still listens on refuses to); Azurite's
# blob and table services listen on P+90 and P+91. Only host 1 runs the
# radio listeners (one machine has one port 8087); the demo drill runs once across the cluster whichever host
# starts it. State (pids, logs, data, the certificate and its password, the bootstrap token) goes under --state
# (default .cluster under the repository). Set CONFIGURATION=Release to run a Release build. Any other host
# setting in the caller's environment (Demo__Enabled=false, say) reaches every host.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command="${1:-}"
shift || true
host_index=""
if [ "$command" = "start-host" ]; then
  host_index="${1:-}"
  shift || true
  if ! [[ "$host_index" =~ ^[1-9][0-9]*$ ]]; then
    echo "start-host takes the number of the host to start (1, 2, ...)" >&2
    exit 2
  fi
fi
hosts=3
state="$root/.cluster"
port=5100
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts="$2"; shift 2 ;;
    --state) state="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
configuration="${CONFIGURATION:-Debug}"
dll="$root/src/Command.Host/bin/$configuration/net10.0/Command.Host.dll"
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# 200 from GET <path> on 127.0.0.1:<port>, with nothing but bash (a fresh machine may have no curl).
http_ok() {
  local port="$1" path="$2" line
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  IFS= read -r -t 5 line <&3 || true
  exec 3>&- 3<&-
  [[ "$line" == *" 200 "* ]]
}

# Whether process $1 runs: one killed but not yet reaped by its parent (a zombie) does not.
alive() {
  kill -0 "$1" 2>/dev/null && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null
}

listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_healthy() {
  local url="$1" name="$2"
  for _ in $(seq 1 180); do
    if http_ok "${url##*:}" /health; then return 0; fi
    sleep 0.5
  done
  echo "$name did not become healthy at $url; its log: $state/$name.out" >&2
  tail -n 40 "$state/$name.out" >&2 || true
  return 1
}

# Starts host $1 of the cluster under $state from what start kept there; does not wait for it.
launch_host() {
  local i="$1" base cluster_id connection password
  base="$(cat "$state/port")"
  cluster_id="$(cat "$state/cluster-id")"
  connection="$(cat "$state/storage-connection")"
  password="$(cat "$state/cluster.password")"
  local url="http://127.0.0.1:$((base + i))"
  echo "$url" >"$state/host$i.url"
  local radios=false
  if [ "$i" -eq 1 ]; then radios=true; fi
  (
    cd "$(dirname "$dll")"
    # Everything by environment, as a container gets it; secrets too, never on the command line.
    env ASPNETCORE_URLS="$url" \
      DataPath="$state/host$i" \
      Cluster__Clustering=AzureTable \
      Cluster__ClusterId="$cluster_id" \
      Cluster__StorageConnectionString="$connection" \
      Cluster__GrainStorage=AzureBlob \
      Cluster__SiloPort="$((11200 + base - 5100 + i))" \
      Cluster__GatewayPort="$((12200 + base - 5100 + i))" \
      Cluster__AdvertisedAddress=127.0.0.1 \
      Cluster__CertificatePath="$state/cluster.pfx" \
      Cluster__CertificatePassword="$password" \
      Recording__Provider=Blob \
      Recording__ConnectionString="$connection" \
      Recording__Container=sessions \
      Auth__BootstrapToken="$(cat "$state/bootstrap-token")" \
      Ingest__Cot__Udp__Enabled="$radios" \
      Ingest__Cot__Tcp__Enabled="$radios" \
      Ingest__Nmea__Tcp__Enabled="$radios" \
      Ingest__Aprs__Tcp__Enabled="$radios" \
      Ingest__OsmAnd__Enabled="$radios" \
      nohup dotnet "$dll" >>"$state/host$i.out" 2>&1 &
    echo $! >"$state/host$i.pid"
  )
}

start() {
  if [ -f "$state/azurite.pid" ] && alive "$(cat "$state/azurite.pid")"; then
    echo "a cluster already runs from $state; stop it first" >&2
    exit 1
  fi
  mkdir -p "$state"
  if [ ! -f "$dll" ]; then
    dotnet build -c "$configuration" "$root/src/Command.Host" >/dev/null
  fi
  if [ ! -x "$root/node_modules/.bin/azurite" ]; then
    (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
  fi

  local blob=$((port + 90)) table=$((port + 91))
  mkdir -p "$state/azurite"
  "$root/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$blob" --location "$state/azurite" \
    --skipApiVersionCheck --silent --disableTelemetry >"$state/azurite.out" 2>&1 &
  echo $! >"$state/azurite.pid"
  "$root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$table" --location "$state/azurite" \
    --skipApiVersionCheck --silent --disableTelemetry >"$state/azurite-table.out" 2>&1 &
  echo $! >"$state/azurite-table.pid"
  for _ in $(seq 1 120); do
    if listening "$blob" && listening "$table"; then break; fi
    if ! alive "$(cat "$state/azurite.pid")" || ! alive "$(cat "$state/azurite-table.pid")"; then
      echo "Azurite stopped: $(tail -n 3 "$state"/azurite*.out)" >&2
      exit 1
    fi
    sleep 0.5
  done
  local connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "$connection" >"$state/storage-connection"

  # One certificate for every silo of this cluster: each presents it and takes only a peer that presents it too.
  # The password is kept beside the certificate (only this user may read either) so a host can be started again.
  (umask 077 && openssl rand -hex 16 >"$state/cluster.password")
  local password
  password="$(cat "$state/cluster.password")"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=command-cluster" \
    -keyout "$state/cluster.key" -out "$state/cluster.crt" >/dev/null 2>&1
  openssl pkcs12 -export -inkey "$state/cluster.key" -in "$state/cluster.crt" -out "$state/cluster.pfx" -passout "pass:$password"
  rm -f "$state/cluster.key"
  if [ ! -f "$state/bootstrap-token" ]; then
    openssl rand -hex 32 >"$state/bootstrap-token"
    chmod 600 "$state/bootstrap-token"
  fi

  echo "local-$(date +%s)" >"$state/cluster-id"
  echo "$port" >"$state/port"
  for i in $(seq 1 "$hosts"); do
    # A fresh log per start; a host started again (start-host) adds to its own.
    : >"$state/host$i.out"
    launch_host "$i"
  done
  for i in $(seq 1 "$hosts"); do
    wait_healthy "$(cat "$state/host$i.url")" "host$i"
  done
  echo "$hosts hosts up: $(for i in $(seq 1 "$hosts"); do printf '%s ' "$(cat "$state/host$i.url")"; done)"
  echo "admin token: $state/bootstrap-token (a bearer token; keep it secret)"
}

start_host() {
  local i="$host_index"
  if [ ! -f "$state/port" ] || [ ! -f "$state/cluster.password" ]; then
    echo "no cluster was started from $state" >&2
    exit 1
  fi
  if [ ! -f "$state/azurite.pid" ] || ! alive "$(cat "$state/azurite.pid")"; then
    echo "Azurite does not run from $state; start the cluster instead" >&2
    exit 1
  fi
  if [ -f "$state/host$i.pid" ] && alive "$(cat "$state/host$i.pid")"; then
    echo "host$i already runs (pid $(cat "$state/host$i.pid"))" >&2
    exit 1
  fi
  launch_host "$i"
  wait_healthy "$(cat "$state/host$i.url")" "host$i"
  echo "host$i up: $(cat "$state/host$i.url")"
}

stop() {
  [ -d "$state" ] || return 0
  for pidfile in "$state"/host*.pid; do
    [ -f "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  done
  for pidfile in "$state"/host*.pid; do
    [ -f "$pidfile" ] || continue
    local pid
    pid="$(cat "$pidfile")"
    for _ in $(seq 1 60); do alive "$pid" || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  for pidfile in "$state"/azurite*.pid; do
    [ -f "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  done
  # Azurite writes its database as it stops: wait, so whoever removes the state folder next removes all of it.
  for pidfile in "$state"/azurite*.pid; do
    [ -f "$pidfile" ] || continue
    local pid
    pid="$(cat "$pidfile")"
    for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo "stopped"
}

status() {
  for pidfile in "$state"/azurite*.pid "$state"/host*.pid; do
    [ -f "$pidfile" ] || continue
    local name pid
    name="$(basename "$pidfile" .pid)"
    pid="$(cat "$pidfile")"
    if alive "$pid"; then echo "$name: running (pid $pid) $(cat "$state/$name.url" 2>/dev/null || true)"; else echo "$name: not running"; fi
  done
}

case "$command" in
  start) start ;;
  start-host) start_host ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
