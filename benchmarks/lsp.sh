#!/usr/bin/env bash
# The language server's latency benchmark (benchmarks/lsp_latency.py) with a release build:
#   benchmarks/lsp.sh [EDITS]      (default 50 edits per case)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product concord >/dev/null
nice -n 10 python3 benchmarks/lsp_latency.py "$(swift build -c release --show-bin-path)/concord" --edits "${1:-50}"
