#!/usr/bin/env bash
# Benchmarks Concord against libyaml's raw event loop and against peer tools, in one run.
#
#   benchmarks/run.sh [PLEDGES]        (default 200000 pledges, about 53 MB)
#
# Generates the datasets (benchmarks/generate.py), builds the C baseline and Concord in release,
# installs the peers (yamllint, yamale, check-jsonschema) from PyPI into benchmarks/out/venv, then
# benchmarks/run.py prints wall time and peak memory of each command with its ratios to the
# baseline, then the scale comparisons (many files against one file, many violations against a
# clean check, with and without a baseline), then the language server's latency
# (benchmarks/lsp_latency.py: p50/p95 from a didChange to its diagnostics, first diagnostics and
# memory against a check). ROUNDS=N changes the number of interleaved runs (default 3); PEERS=0
# leaves out the peers (yamllint, Yamale, check-jsonschema); LSP=0 leaves out the server's latency.
set -euo pipefail
cd "$(dirname "$0")/.."
PLEDGES="${1:-200000}"
OUT=benchmarks/out
mkdir -p "$OUT"
BIG="$OUT/pledges-$PLEDGES.yaml"
SMALL="$OUT/pledges-$((PLEDGES / 10)).yaml"
[ -f "$BIG" ] || python3 benchmarks/generate.py --pledges "$PLEDGES" > "$BIG"
[ -f "$SMALL" ] || python3 benchmarks/generate.py --pledges "$((PLEDGES / 10))" > "$SMALL"
# Scale: the small file's pledges one per file, and the big file with every pledge broken.
SPLIT="$OUT/split-$((PLEDGES / 10))"
BROKEN="$OUT/broken-$PLEDGES.yaml"
[ -d "$SPLIT" ] || python3 benchmarks/generate.py --pledges "$((PLEDGES / 10))" --split "$SPLIT"
[ -f "$BROKEN" ] || python3 benchmarks/generate.py --pledges "$PLEDGES" --negative-amounts > "$BROKEN"
cc -O2 -o "$OUT/event_loop" benchmarks/event_loop.c $(pkg-config --cflags --libs yaml-0.1)
swift build -c release --product concord >/dev/null
VENV="$OUT/venv"
if [ ! -x "$VENV/bin/yamllint" ] || [ ! -x "$VENV/bin/yamale" ] || [ ! -x "$VENV/bin/check-jsonschema" ]; then
    python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet yamllint yamale check-jsonschema \
        || echo "(could not install the peers; their rows are left out)"
fi
python3 benchmarks/run.py "$OUT" "$BIG" "$SMALL" "$SPLIT" "$BROKEN"
if [ "${LSP:-1}" != 0 ]; then
    echo
    python3 benchmarks/lsp_latency.py "$(swift build -c release --show-bin-path)/concord" \
        --out "$OUT" --pledges "$PLEDGES" --edits "${LSP_EDITS:-50}"
fi
