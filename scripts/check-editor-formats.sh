#!/usr/bin/env bash
# Checks the claims of docs/editors.md with the real parsers: runs concord on a broken dataset
# with `--format gcc` and feeds the output to
#   - VS Code's $gcc problem-matcher regex (from the C/C++ extension; checked with grep -P),
#   - vim (headless): `:cfile` with the errorformat of docs/editors.md, vim's default errorformat,
#     and `:make` with `makeprg=concord\ check\ --format\ gcc`; the quickfix list (getqflist())
#     must hold every diagnostic with its file, line, column and type,
#   - Emacs (batch): compilation-mode must parse every line with the same file, line, column
#     and type (error, warning, info for `note:`), and compile-goto-error must land there,
#   - the Jenkins warnings-ng gcc parser's regex (grep -P).
#
#   scripts/check-editor-formats.sh
#
# Environment:
#   CONCORD               the concord binary to test (default: built with `swift build
#                         --product concord --scratch-path "$CONCORD_SCRATCH_PATH"`)
#   CONCORD_SCRATCH_PATH  SwiftPM scratch path for that build (default: .build)
#   REQUIRE_EDITORS=1     fail (instead of skip) when vim or emacs is not installed
#
# Prints PASS/FAIL/SKIP lines; exits 0 when nothing failed, 1 otherwise, 2 on a setup error.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
die() { echo "FAIL: $*" >&2; exit 2; }

if [ -z "${CONCORD:-}" ]; then
    scratch="${CONCORD_SCRATCH_PATH:-.build}"
    (cd "$root" && swift build --product concord --scratch-path "$scratch" >/dev/null) \
        || die "swift build --product concord --scratch-path $scratch failed"
    CONCORD="$(cd "$root" && swift build --product concord --scratch-path "$scratch" --show-bin-path)/concord"
fi
[ -x "$CONCORD" ] || die "no concord binary at $CONCORD"
CONCORD="$(cd "$(dirname "$CONCORD")" && pwd)/$(basename "$CONCORD")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/concord-editors.XXXXXX")" || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/ws/Datasets/coalitions" "$tmp/ws/Rules"
ln -s "$CONCORD" "$tmp/bin/concord"
export PATH="$tmp/bin:$PATH"
unset GITHUB_ACTIONS
export NO_COLOR=1

failures=0 skips=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
skip() {
    if [ "${REQUIRE_EDITORS:-0}" = 1 ]; then fail "$*"; else echo "SKIP: $*"; skips=$((skips + 1)); fi
}

# --- a broken workspace: errors (one with a related note), a warning, an info -------------------
cd "$tmp/ws" || die "cd"
cat > Rules/coalitions.yaml <<'YAML'
rules:
  - id: leaders-are-members
    description: Every leader of a coalition is one of its members.
    for: coalitions[*]
    assert: self.leaders.all(l, l in self.members)
    message: "leader {{l}} is not a member of {{self.id}}"
  - id: three-members
    description: A coalition has at least three members.
    severity: warning
    for: coalitions[*]
    assert: size(self.members) >= 3
    message: "{{self.id}} has fewer than three members"
  - id: founded-known
    description: The founding date is recorded.
    severity: info
    for: coalitions[*]
    assert: has(self.founded)
    message: "{{self.id}} has no founding date"
YAML
cat > Datasets/coalitions/it.yaml <<'YAML'
coalitions:
  - id: it-coalition
    leaders: [EE, PL]
    members: [EE, LU, NL]
    founded: "2023-09-19"
YAML
cat > Datasets/coalitions/drones.yaml <<'YAML'
coalitions:
  - id: drone-coalition
    leaders:
      - LV
    members:
      - LV
      - GB
    founded: "2024-02-14"
    notes: first
    notes: second
  - id: demining-coalition
    leaders: [LT, IS]
    members: [LT, IS, DK]
YAML

"$CONCORD" check --format gcc > "$tmp/gcc.txt" 2>"$tmp/stderr.txt"
rc=$?
echo "concord check --format gcc (exit $rc):"
sed 's/^/    | /' "$tmp/gcc.txt"
[ -s "$tmp/stderr.txt" ] && sed 's/^/    stderr| /' "$tmp/stderr.txt"
[ "$rc" = 1 ] && pass "exit code 1 with errors" || fail "exit code should be 1, was $rc"

# The expected locations, from concord's own output: file|line|col|kind, one per line.
gcc_shape='^([^:]+):([0-9]+):([0-9]+): (error|warning|note): (.*)$'
if grep -Evq "$gcc_shape" "$tmp/gcc.txt"; then
    fail "lines not in the gcc shape path:line:col: error|warning|note: message:"
    grep -Ev "$gcc_shape" "$tmp/gcc.txt" | sed 's/^/    | /'
fi
sed -E "s/$gcc_shape/\\1|\\2|\\3|\\4/" "$tmp/gcc.txt" > "$tmp/expected.txt"
for kind in error warning note; do
    n=$(grep -c "|$kind\$" "$tmp/expected.txt")
    [ "$n" -gt 0 ] && pass "output has $n $kind line(s)" || fail "output should have a $kind line"
done
grep -q ': note: [^[]*$' "$tmp/gcc.txt" && pass "output has a related-location note (no rule id)" \
    || fail "output should have a related-location note line"
grep -q ': note: .*\[founded-known\]$' "$tmp/gcc.txt" && pass "info diagnostics print as note: ... [rule-id]" \
    || fail "the info rule should print as a note line with its rule id"

# Every location must exist in the workspace (paths relative to the folder concord ran in).
while IFS='|' read -r file line col kind; do
    if [ ! -f "$file" ]; then fail "$file (from the output) does not exist relative to the workspace"; continue; fi
    lines=$(wc -l < "$file")
    [ "$line" -ge 1 ] && [ "$line" -le "$lines" ] || fail "$file:$line is outside the file ($lines lines)"
    text="$(sed -n "${line}p" "$file")"
    [ "$col" -ge 1 ] && [ "$col" -le $(( ${#text} + 1 )) ] || fail "$file:$line:$col is past the end of the line"
done < "$tmp/expected.txt"

# --- VS Code: the $gcc problem matcher ---------------------------------------------------------
# ms-vscode.cpptools, Extension/package.json, problemMatchers[name=gcc].pattern.regexp
vscode_gcc='^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$'
n_diag=$(grep -Ec ': (error|warning): ' "$tmp/gcc.txt")
n_match=$(grep -Pc "$vscode_gcc" "$tmp/gcc.txt")
if [ "$n_diag" -gt 0 ] && [ "$n_diag" = "$n_match" ] \
    && ! grep -E ': (error|warning): ' "$tmp/gcc.txt" | grep -Pvq "$vscode_gcc"; then
    pass "VS Code \$gcc regex matches all $n_diag error/warning lines"
else
    fail "VS Code \$gcc regex matched $n_match of $n_diag error/warning lines"
fi
# Its groups must give back the same file, line, column and severity.
if diff <(grep -P "$vscode_gcc" "$tmp/gcc.txt" | perl -ne \
        'print "$1|$2|$3|$4\n" if /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/') \
        <(grep -E '\|(error|warning)$' "$tmp/expected.txt") > "$tmp/vscode.diff"; then
    pass "VS Code \$gcc groups give file, line, column and severity of every error/warning"
else
    fail "VS Code \$gcc groups differ from the output:"; sed 's/^/    | /' "$tmp/vscode.diff"
fi
if grep -P "$vscode_gcc" "$tmp/gcc.txt" | grep -q ': note: '; then
    fail "VS Code \$gcc regex should not match note lines"
else
    pass "VS Code \$gcc regex ignores note lines (info diagnostics and related locations)"
fi

# --- Jenkins warnings-ng: the gcc parser (analysis-model Gcc4CompilerParser) -------------------
# (docs/ci.md suggests `recordIssues tools: [gcc(pattern: ...)]` as an alternative to JUnit.)
jenkins_gcc='^(?<file>.+?):(?<line>\d+):(?:(?<column>\d+):)? ?(?<severity>[wW]arning|.*[Ee]rror): (?<message>.*)$'
n_jenkins=$(grep -Pc "$jenkins_gcc" "$tmp/gcc.txt")
if [ "$n_jenkins" = "$n_diag" ] && ! grep -E ': (error|warning): ' "$tmp/gcc.txt" | grep -Pvq "$jenkins_gcc"; then
    pass "Jenkins warnings-ng gcc parser regex matches all $n_diag error/warning lines"
else
    fail "Jenkins warnings-ng gcc parser regex matched $n_jenkins of $n_diag error/warning lines"
fi

# --- vim ---------------------------------------------------------------------------------------
vim_bin=""
for candidate in vim nvim; do
    command -v "$candidate" >/dev/null 2>&1 && { vim_bin="$candidate"; break; }
done
# Writes the quickfix list as file|line|col|type|valid|text lines to $1.
vim_dump='call writefile(map(getqflist(), {_, e -> bufname(e.bufnr) . "|" . e.lnum . "|" . e.col . "|" . get({"e": "error", "w": "warning", "n": "note", "i": "info"}, e.type, e.type) . "|" . e.valid . "|" . e.text}), $QFOUT)'
run_vim() { # run_vim OUTFILE EX-COMMAND...
    local out="$1"; shift
    local args=()
    for c in "$@"; do args+=(-c "$c"); done
    if [ "$vim_bin" = nvim ]; then
        QFOUT="$out" nvim --headless -u NONE -i NONE -n "${args[@]}" -c "$vim_dump" -c 'qa!' >/dev/null 2>&1
    else
        QFOUT="$out" vim -u NONE -i NONE -N -n -es "${args[@]}" -c "$vim_dump" -c 'qa!' >/dev/null 2>&1
    fi
}
check_qf() { # check_qf NAME FILE [compare-type] [allow-summary]
    local name="$1" qf="$2" with_type="${3:-1}" allow_summary="${4:-0}"
    if [ ! -s "$qf" ]; then fail "$name: empty quickfix list"; return; fi
    # Not valid = a line vim did not parse as a location. With :make, standard error is read too,
    # and Concord's summary line ("✖ 2 errors, …" on stderr) becomes such a text-only entry.
    awk -F'|' '$5 != 1' "$qf" > "$qf.invalid"
    if [ "$allow_summary" = 1 ]; then
        if grep -Evq '\|0\|(✖|⚠|ℹ|✔) ' "$qf.invalid"; then
            fail "$name: quickfix entries not parsed:"; grep -Ev '\|0\|(✖|⚠|ℹ|✔) ' "$qf.invalid" | sed 's/^/    | /'
        elif [ -s "$qf.invalid" ]; then
            echo "    note: $name: the summary line from stderr is a text-only (not valid) entry: $(cut -d'|' -f6- "$qf.invalid")"
        fi
    elif [ -s "$qf.invalid" ]; then
        fail "$name: $(wc -l < "$qf.invalid") quickfix entries are not valid (not parsed)"
    fi
    awk -F'|' '$5 == 1' "$qf" > "$qf.valid"
    qf="$qf.valid"
    if [ "$with_type" = 1 ]; then
        cut -d'|' -f1-4 "$qf" > "$qf.got"
    else
        cut -d'|' -f1-3 "$qf" > "$qf.got"
        cut -d'|' -f1-3 "$tmp/expected.txt" > "$tmp/expected3.txt"
    fi
    if diff "$qf.got" "$([ "$with_type" = 1 ] && echo "$tmp/expected.txt" || echo "$tmp/expected3.txt")" \
        > "$qf.diff"; then
        pass "$name: all $(wc -l < "$qf") entries with file, line, column$([ "$with_type" = 1 ] && echo ", type")"
    else
        fail "$name: quickfix list differs (< vim, > concord):"; sed 's/^/    | /' "$qf.diff"
    fi
}
if [ -n "$vim_bin" ]; then
    echo "$($vim_bin --version | head -n 1)"
    efm='%f:%l:%c: %t%*[^:]: %m'
    run_vim "$tmp/qf-cfile.txt" "set errorformat=${efm// /\\ }" "cfile $tmp/gcc.txt"
    check_qf "vim :cfile with errorformat=$efm" "$tmp/qf-cfile.txt"
    if grep -q '|leader PL is not a member of it-coalition \[leaders-are-members\]$' "$tmp/qf-cfile.txt"; then
        pass "vim: the quickfix text is the message with its rule id"
    else
        fail "vim: the quickfix text should be the message with its rule id"
    fi
    run_vim "$tmp/qf-default.txt" "cfile $tmp/gcc.txt"
    check_qf "vim :cfile with the default errorformat" "$tmp/qf-default.txt" 0
    run_vim "$tmp/qf-make.txt" "set errorformat=${efm// /\\ }" 'set makeprg=concord\ check\ --format\ gcc' 'silent make!'
    check_qf "vim :make with makeprg=concord\\ check\\ --format\\ gcc" "$tmp/qf-make.txt" 1 1
else
    skip "vim: neither vim nor nvim is installed (apt-get install -y vim-nox)"
fi

# --- Emacs -------------------------------------------------------------------------------------
if command -v emacs >/dev/null 2>&1; then
    echo "$(emacs --version | head -n 1)"
    cat > "$tmp/parse.el" <<'ELISP'
;; Parse the gcc output with compilation-mode; for every message, jump to it as RET / next-error
;; does (compile-goto-error) and print where Emacs landed: file|line|col|type|regexp.
(require 'compile)
(require 'seq)
(let ((out (getenv "QFOUT")) (lines '()) (workspace (getenv "WORKSPACE")))
  (with-current-buffer (find-file-noselect (getenv "GCC_OUTPUT"))
    (setq default-directory workspace)
    (compilation-mode)
    (compilation--ensure-parse (point-max))
    (goto-char (point-min))
    (while (not (eobp))
      (let ((msg (get-text-property (point) 'compilation-message))
            (text (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
            (here (point)))
        (when msg
          (let* ((type (compilation--message->type msg))
                 (rule (seq-find (lambda (sym)
                                   (let ((entry (if (symbolp sym)
                                                    (cdr (assq sym compilation-error-regexp-alist-alist))
                                                  sym)))
                                     (and entry (string-match (car entry) text))))
                                 compilation-error-regexp-alist))
                 (landed (save-window-excursion
                           (save-excursion
                             (compile-goto-error)
                             (list (file-relative-name (buffer-file-name) workspace)
                                   (line-number-at-pos)
                                   (1+ (current-column)))))))
            (goto-char here)
            (push (format "%s|%s|%s|%s|%s" (nth 0 landed) (nth 1 landed) (nth 2 landed)
                          (pcase type (2 "error") (1 "warning") (_ "note"))
                          (if (symbolp rule) rule "custom"))
                  lines))))
      (forward-line 1)))
  (with-temp-file out (insert (mapconcat #'identity (nreverse lines) "\n") "\n")))
ELISP
    QFOUT="$tmp/emacs.txt" GCC_OUTPUT="$tmp/gcc.txt" WORKSPACE="$tmp/ws/" \
        emacs --batch -Q -l "$tmp/parse.el" > "$tmp/emacs.log" 2>&1 || { fail "emacs --batch failed:"; sed 's/^/    | /' "$tmp/emacs.log"; }
    if [ -s "$tmp/emacs.txt" ]; then
        echo "    emacs: $(cut -d'|' -f5 "$tmp/emacs.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')(regexp used)"
        cut -d'|' -f1-4 "$tmp/emacs.txt" > "$tmp/emacs.got"
        if diff "$tmp/emacs.got" "$tmp/expected.txt" > "$tmp/emacs.diff"; then
            pass "Emacs compilation-mode: all $(wc -l < "$tmp/emacs.got") lines parsed; compile-goto-error lands on each file, line, column; types match"
        else
            fail "Emacs compilation-mode differs (< emacs, > concord):"; sed 's/^/    | /' "$tmp/emacs.diff"
        fi
    else
        fail "Emacs compilation-mode parsed no message"
    fi
else
    skip "Emacs: emacs is not installed (apt-get install -y emacs-nox)"
fi

echo
if [ "$failures" = 0 ]; then
    echo "PASS: editor formats ($skips skipped)"
    exit 0
fi
echo "FAIL: editor formats ($failures failed checks, $skips skipped)"
exit 1
