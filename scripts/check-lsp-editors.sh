#!/usr/bin/env bash
# Real editors as clients of `concord lsp`: headless Neovim (0.7, built-in client, driven by
# ../shared/tools/nvim-lsp-diagnostics.lua) and Emacs with eglot (scripts/lsp/eglot-diagnostics.el)
# open a pledge file whose coalition does not exist and must show the error at its place; then
# typing the right coalition must clear it. CONCORD names the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
CONCORD=${CONCORD:-$(swift build --show-bin-path)/concord}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/Datasets"
cp -r Rules "$root/Rules"
cat > "$root/Datasets/coalitions.yaml" <<'YAML'
coalitions:
  - id: it-coalition
    name: IT Coalition
    framework: UDCG
    leaders: ["EE"]
    members: ["EE", "LU"]
    founded: "2023-06-15"
    founded_event: announcement
    sources: [{url: "https://example.org", title: t, publisher: p, published: "2023-06-15"}]
YAML
cat > "$root/Datasets/pledges.yaml" <<'YAML'
pledges:
  - id: lu-it-2024
    donor: "LU"
    recipient: "UA"
    coalition: it-coalitio
    kind: financial
    amount: {value: 10000000, currency: EUR}
    announced: "2024-02-01"
    sources: [{url: "https://example.org", title: t, publisher: p, published: "2024-02-01"}]
YAML
export LSP_CMD="[\"$CONCORD\", \"lsp\"]" LSP_ROOT="$root" LSP_FILE="$root/Datasets/pledges.yaml"
export LSP_EDIT='5:    coalition: it-coalition' LSP_WAIT_MS=20000

# The planted error: line 5 (0-based 4), `it-coalitio` at columns 15-26; then nothing.
verify() {  # editor, output file, names of the line/column keys
    python3 - "$@" <<'PY'
import json, sys
editor, path, line, col, end_col = sys.argv[1:6]
result = json.load(open(path))
assert result.get("waited_ok", result.get("ok")) is True, f"{editor}: no diagnostics arrived: {result}"
first = [d for d in result["first"] if "it-coalitio" in d.get("message", d.get("text", ""))]
assert len(first) == 1, f"{editor}: the planted error is not shown: {result['first']}"
d = first[0]
assert (d[line], d[col], d[end_col]) == (4, 15, 26), f"{editor}: wrong place: {d}"
assert result["after_edit"] == [], f"{editor}: the fix did not clear it: {result['after_edit']}"
print(f"{editor}: the error shows at 5:16-5:27 and typing the fix clears it")
PY
}

status=0
nvim_driver="$repo/../shared/tools/nvim-lsp-diagnostics.lua"
if ! command -v nvim >/dev/null 2>&1; then
    echo "neovim: not installed; its check is skipped"
elif [ ! -f "$nvim_driver" ]; then
    echo "neovim: $nvim_driver is absent (../shared); its check is skipped"
else
    LSP_OUT="$root/nvim.json" timeout 60 nvim --headless --clean -u NONE -c "luafile $nvim_driver" >/dev/null 2>&1 || true
    verify neovim "$root/nvim.json" lnum col end_col || status=1
fi
if ! command -v emacs >/dev/null 2>&1; then
    echo "emacs: not installed; its check is skipped"
else
    LSP_OUT="$root/emacs.json" timeout 60 emacs --batch -Q -l "$repo/scripts/lsp/eglot-diagnostics.el" >/dev/null 2>&1 || true
    verify "emacs (eglot)" "$root/emacs.json" line column end_column || status=1
fi
exit $status
