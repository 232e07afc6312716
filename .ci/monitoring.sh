#!/usr/bin/env bash
# Checks the monitoring assets shipped in etc/monitoring: the alert rules (promtool check rules,
# then their unit tests, promtool test rules), and that every PromQL expression of the Grafana
# dashboard parses (each checked as a recording rule, the dashboard's $job variable filled in).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=distribution/src/main/dist/etc/monitoring

promtool check rules "$dir/botfleet-alerts.yml"
(cd "$dir" && promtool test rules botfleet-alerts.test.yml)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0
{
    echo "groups:"
    echo "  - name: dashboard-expressions"
    echo "    rules:"
    while IFS= read -r expr; do
        count=$((count + 1))
        # a JSON string is a valid double-quoted YAML scalar
        printf '      - record: dashboard:expression_%d\n        expr: %s\n' "$count" \
            "$(jq -n --arg e "${expr//\$job/botfleet}" '$e')"
    done < <(jq -r '.panels[].targets[].expr' "$dir/botfleet-dashboard.json")
} > "$tmp/dashboard-rules.yml"
if ! grep -q 'record:' "$tmp/dashboard-rules.yml"; then
    echo "no PromQL expression found in $dir/botfleet-dashboard.json" >&2
    exit 1
fi
promtool check rules "$tmp/dashboard-rules.yml"
echo "monitoring assets: alert rules, their tests and $(grep -c 'record:' "$tmp/dashboard-rules.yml") dashboard expressions OK"
