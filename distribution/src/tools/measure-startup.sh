#!/usr/bin/env bash
# Cold start of an assembled distribution: N times, a fresh BOTFLEET_HOME and a free port, time
# from exec to the first 200 from /health/ready, CPU time (user + system) spent by then, resident
# memory at that moment and 5 s later; then SIGTERM and the exit status. Prints one line per run
# and the medians.
#
#   distribution/src/tools/measure-startup.sh [distribution folder] [runs]
#   (default: distribution/target/botfleet, 5 runs)
set -euo pipefail

dist=$(cd "${1:-$(dirname "$0")/../../target/botfleet}" && pwd)
runs=${2:-5}
ticks=$(getconf CLK_TCK)
results=$(mktemp)
trap 'rm -f "$results"' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

for run in $(seq 1 "$runs"); do
    home=$(mktemp -d)
    port=$(free_port)
    start=$(date +%s%N)
    BOTFLEET_HOME="$home" BOTFLEET_HTTP_PORT="$port" "$dist/bin/botfleet" </dev/null >"$home.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "run $run: the server exited; log: $home.log" >&2
            exit 1
        fi
        if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 60000 ]; then
            echo "run $run: not ready within 60 s: $(curl -s "http://127.0.0.1:$port/health/ready")" >&2
            kill -KILL "$pid"
            exit 1
        fi
        sleep 0.02
    done
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    cpu_ms=$(awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
    rss_ready=$(( $(ps -o rss= -p "$pid") / 1024 ))
    sleep 5
    rss_later=$(( $(ps -o rss= -p "$pid") / 1024 ))
    kill -TERM "$pid"
    status=0
    wait "$pid" || status=$?
    echo "run $run: ready ${ready_ms} ms, cpu ${cpu_ms} ms, rss ${rss_ready} MiB at ready, ${rss_later} MiB 5 s later, exit ${status}"
    echo "$ready_ms $cpu_ms $rss_ready $rss_later" >>"$results"
    rm -rf "$home" "$home.log"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
echo "median: ready $(cut -d' ' -f1 "$results" | median) ms, cpu $(cut -d' ' -f2 "$results" | median) ms," \
     "rss $(cut -d' ' -f3 "$results" | median) MiB at ready, $(cut -d' ' -f4 "$results" | median) MiB 5 s later;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "size on disk: $(du -sh --exclude=data "$dist" | cut -f1) (bundle/ $(du -sh "$dist/bundle" | cut -f1))"
