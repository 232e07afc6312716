#!/usr/bin/env bash
# Builds lib/botfleet.jsa, a class-data-sharing archive of the classes a Botfleet server loads
# while it starts (the JDK's, the launcher's, Felix's and every bundle's), by starting the
# assembled distribution once with -XX:ArchiveClassesAtExit on a throw-away home, waiting for
# /health/ready and stopping it. bin/botfleet maps the archive at the next starts, so those
# classes are neither parsed nor verified again: see docs/operations.md, "Start-up time".
#
#   distribution/src/tools/make-cds-archive.sh <distribution folder>
#
# The archive is only valid for the JVM that wrote it and for the distribution folder it was
# written in (the JVM checks both, and quietly ignores an archive that does not match), so it is
# made at package time on the machine that builds and is left out of the zip. Without a JVM that
# can write one (not HotSpot, or older than 13), it makes nothing and says so; never fails the build.
set -uo pipefail

dist=$(cd "$1" && pwd -P)
archive="$dist/lib/botfleet.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rm -f "$archive"

say() { echo "make-cds-archive: $*" >&2; }

if ! "$java" -XX:ArchiveClassesAtExit="$dist/lib/probe.jsa" -Xshare:auto -version >/dev/null 2>&1; then
    say "this JVM cannot write a class-data archive; the server starts without one"
    rm -f "$dist/lib/probe.jsa"
    exit 0
fi
rm -f "$dist/lib/probe.jsa"

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
# the first port from 39000 on that nobody answers on
port=39000
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done

BOTFLEET_HOME="$home" BOTFLEET_HTTP_PORT="$port" BOTFLEET_CDS_DUMP="$archive" \
    "$dist/bin/botfleet" </dev/null >"$home/server.log" 2>&1 &
pid=$!

ready() {
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
    local status
    read -r _ status _ <&3
    exec 3<&-
    [ "$status" = 200 ]
}

deadline=$((SECONDS + 120))
until ready 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        say "the server did not get ready; no archive (log follows)"
        tail -n 20 "$home/server.log" >&2
        kill -KILL "$pid" 2>/dev/null
        rm -f "$archive"
        exit 0
    fi
    sleep 0.2
done
kill -TERM "$pid"
wait "$pid"
if [ -f "$archive" ]; then
    say "wrote $archive ($(du -h "$archive" | cut -f1))"
else
    say "the JVM wrote no archive; the server starts without one"
fi
exit 0
