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
#   - yamllint / check-jsonschema on a 10x smaller file, when they are installed
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
read -r t m < <(measure "$CONCORD" check "$BIG" --rules "$EMPTY_RULES" --format gcc)
row "concord check (loader only)" "$t" "$m"
if ls Rules/*.yaml >/dev/null 2>&1; then
    read -r t m < <(measure "$CONCORD" check "$BIG" --rules Rules --format gcc)
    row "concord check (Rules/)" "$t" "$m"
fi
read -r t m < <(measure sh -c "$CONCORD dump '$BIG' > /dev/null")
row "concord dump > /dev/null" "$t" "$m"

echo
echo "Peers on the 10x smaller file ($(( $(stat -c %s "$SMALL") / 1048576 )) MB), when installed:"
read -r st sm < <(measure "$OUT/event_loop" "$SMALL")
peer() { # LABEL CMD...
    local label=$1; shift
    if command -v "$1" >/dev/null 2>&1; then
        read -r t m < <(measure "$@")
        printf '%-34s %9.2f s %8.1f MB  %7.1fx the event loop\n' "$label" "$t" "$(echo "$m/1024" | bc -l)" "$(echo "$t/$st" | bc -l)"
    else
        printf '%-34s (not installed: pip install %s)\n' "$label" "$1"
    fi
}
read -r t m < <(measure "$CONCORD" check "$SMALL" --rules "$EMPTY_RULES" --format gcc)
printf '%-34s %9.2f s %8.1f MB  %7.1fx the event loop\n' "concord check (loader only)" "$t" "$(echo "$m/1024" | bc -l)" "$(echo "$t/$st" | bc -l)"
peer "yamllint (default rules)" yamllint -f parsable "$SMALL"
