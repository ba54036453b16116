#!/usr/bin/env bash
# Benchmarks Concord against libyaml's raw event loop (and peer tools when installed), in one run.
#
#   benchmarks/run.sh [PLEDGES]        (default 200000 pledges, about 50 MB)
#
# Prints wall time (best of 3) and peak memory of:
#   - benchmarks/event_loop FILE  (C: pull every libyaml event, nothing else): the baseline
#   - concord check FILE --rules /dev/null-equivalent (loader and its own checks only)
#   - concord check FILE --rules Rules/ (the shipped rule pack), when Rules/ has rule files
#   - concord dump FILE > /dev/null
#   - on a 10x smaller file: the same, and the peers yamllint, yamale and check-jsonschema
#     (installed from PyPI into benchmarks/out/venv), with the same shape checks where they can
# and the ratios against the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
PLEDGES="${1:-200000}"
OUT=benchmarks/out
mkdir -p "$OUT"
BIG="$OUT/pledges-$PLEDGES.yaml"
SMALL="$OUT/pledges-$((PLEDGES / 10)).yaml"

[ -f "$BIG" ] || python3 benchmarks/generate.py --pledges "$PLEDGES" > "$BIG"
[ -f "$SMALL" ] || python3 benchmarks/generate.py --pledges "$((PLEDGES / 10))" > "$SMALL"
cc -O2 -o "$OUT/event_loop" benchmarks/event_loop.c $(pkg-config --cflags --libs yaml-0.1)
swift build -c release --product concord >/dev/null
CONCORD=.build/release/concord
EMPTY_RULES="$OUT/no-rules"
mkdir -p "$EMPTY_RULES"

# best_of3 LABEL CMD... -> prints "seconds kilobytes" of the fastest run
measure() {
    local best_t="" best_m=""
    for _ in 1 2 3; do
        local line
        /usr/bin/time -o "$OUT/time.txt" -f "%e %M" "$@" >/dev/null 2>/dev/null || true
        line=$(tail -1 "$OUT/time.txt")
        local t=${line% *} m=${line#* }
        if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
    done
    echo "$best_t $best_m"
}

size_kb=$(( $(stat -c %s "$BIG") / 1024 ))
printf 'file: %s (%d MB, %d pledges)\n\n' "$BIG" $((size_kb / 1024)) "$PLEDGES"
printf '%-34s %9s %10s %9s %9s\n' "command" "seconds" "peak MB" "x time" "x file"

read -r base_t base_m < <(measure "$OUT/event_loop" "$BIG")
row() { # LABEL SECONDS KB
    printf '%-34s %9.2f %10.1f %9.2f %9.2f\n' "$1" "$2" "$(echo "$3/1024" | bc -l)" \
        "$(echo "$2/$base_t" | bc -l)" "$(echo "$3/$size_kb" | bc -l)"
}
row "libyaml event loop (C)" "$base_t" "$base_m"
read -r t m < <(measure "$CONCORD" check "$BIG" --rules "$EMPTY_RULES" --format gcc -q)
row "concord check (loader only)" "$t" "$m"
if ls Rules/*.yaml >/dev/null 2>&1; then
    read -r t m < <(measure "$CONCORD" check "$BIG" --rules Rules --format gcc -q)
    row "concord check (Rules/)" "$t" "$m"
fi
read -r t m < <(measure sh -c "$CONCORD dump '$BIG' > /dev/null")
row "concord dump > /dev/null" "$t" "$m"

echo
echo "Peers on the 10x smaller file ($(( $(stat -c %s "$SMALL") / 1048576 )) MB), installed into benchmarks/out/venv from PyPI:"
VENV="$OUT/venv"
if [ ! -x "$VENV/bin/yamllint" ] || [ ! -x "$VENV/bin/yamale" ] || [ ! -x "$VENV/bin/check-jsonschema" ]; then
    python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet yamllint yamale check-jsonschema || echo "(could not install the peers)"
fi
read -r st sm < <(measure "$OUT/event_loop" "$SMALL")
small_row() { # LABEL SECONDS KB
    printf '%-34s %9.2f %10.1f %9.2f\n' "$1" "$2" "$(echo "$3/1024" | bc -l)" "$(echo "$2/$st" | bc -l)"
}
printf '%-34s %9s %10s %9s\n' "command" "seconds" "peak MB" "x time"
small_row "libyaml event loop (C)" "$st" "$sm"
read -r t m < <(measure "$CONCORD" check "$SMALL" --rules "$EMPTY_RULES" --format gcc -q)
small_row "concord check (loader only)" "$t" "$m"
read -r t m < <(measure "$CONCORD" check "$SMALL" --rules Rules --format gcc -q)
small_row "concord check (Rules/)" "$t" "$m"
peer() { # LABEL CMD...
    local label=$1; shift
    if [ -x "$1" ]; then
        read -r t m < <(measure "$@")
        small_row "$label" "$t" "$m"
    else
        printf '%-34s (not installed)\n' "$label"
    fi
}
peer "yamllint (default rules)" "$VENV/bin/yamllint" -f parsable "$SMALL"
peer "yamale (shape schema)" "$VENV/bin/yamale" -s benchmarks/peers/dataset.yamale "$SMALL"
peer "check-jsonschema (shape schema)" "$VENV/bin/check-jsonschema" --schemafile benchmarks/peers/dataset.schema.json "$SMALL"
