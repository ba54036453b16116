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
# The test project (Tests/Fixtures/lsp), with the pledge's coalition misspelt.
fixture=Tests/Fixtures/lsp
cp "$fixture/coalitions.yaml" "$root/Datasets/coalitions.yaml"
sed 's/^    coalition: it-coalition$/    coalition: it-coalitio/' "$fixture/pledges.yaml" > "$root/Datasets/pledges.yaml"
planted_line=$(grep -n '^    coalition: it-coalitio$' "$root/Datasets/pledges.yaml" | cut -d: -f1)
[ -n "$planted_line" ] || { echo "the planted error could not be made from $fixture/pledges.yaml"; exit 1; }
export PLANTED_LINE=$planted_line
export LSP_CMD="[\"$CONCORD\", \"lsp\"]" LSP_ROOT="$root" LSP_FILE="$root/Datasets/pledges.yaml"
export LSP_EDIT="$planted_line:    coalition: it-coalition" LSP_WAIT_MS=20000

# The planted error: line $PLANTED_LINE (0-based one less), `it-coalitio` at 0-based columns
# 15-26; then nothing.
verify() {  # editor, output file, names of the line/column keys
    python3 - "$@" <<'PY'
import json, os, sys
editor, path, line, col, end_col = sys.argv[1:6]
planted = int(os.environ["PLANTED_LINE"])
result = json.load(open(path))
assert result.get("waited_ok", result.get("ok")) is True, f"{editor}: no diagnostics arrived: {result}"
first = [d for d in result["first"] if "it-coalitio" in d.get("message", d.get("text", ""))]
assert len(first) == 1, f"{editor}: the planted error is not shown: {result['first']}"
d = first[0]
assert (d[line], d[col], d[end_col]) == (planted - 1, 15, 26), f"{editor}: wrong place: {d}"
assert result["after_edit"] == [], f"{editor}: the fix did not clear it: {result['after_edit']}"
print(f"{editor}: the error shows at {planted}:16-{planted}:27 and typing the fix clears it")
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
