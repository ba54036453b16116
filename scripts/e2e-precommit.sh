#!/usr/bin/env bash
# End-to-end test of Concord's pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit.
#
#   scripts/e2e-precommit.sh [--snapshot] [REPO]
#
# It installs pre-commit from PyPI into a temporary virtualenv, makes a throwaway git repository
# with a small dataset and its own Rules/, and a `.pre-commit-config.yaml` that names REPO at its
# HEAD commit (`repo: REPO`, `rev: SHA`, hook `concord`), as a user's project names Concord's
# repository. Then `pre-commit run concord --files ...` there:
#   (a) a clean staged change must pass;
#   (b) a staged change where a leader is not a member must fail, printing the gcc line
#       `Datasets/coalitions.yaml:L:C: error: leader PL is not a member of ... [leaders-are-members]`.
#
# REPO (default: the checkout holding this script) is what pre-commit clones: it builds the
# COMMITTED state (HEAD) with `swift build -c release` — a few minutes, once: pre-commit keeps
# the built hook in its store (PRE_COMMIT_HOME, a temporary folder here, so that nothing lands
# in ~/.cache/pre-commit), and the second run uses it, as a user's second commit does. So HEAD
# must contain .pre-commit-hooks.yaml and a working `concord check`; in CI, on a fresh clone,
# that is the case.
#   --snapshot  test the working tree as it is instead: tracked and untracked (not ignored) files
#               are copied into a temporary repository and committed there first.
#
# Environment:
#   PRE_COMMIT_SPEC   pip requirement to install (default: pre-commit)
#
# Prints PASS/FAIL lines; exits 0 when every check passed, 1 otherwise, 2 on a setup error.
# Needs: git, python3 (with venv), swift, libyaml-dev, network access to PyPI and to the Swift
# package dependencies. Every temporary folder is removed on exit.
set -uo pipefail

die() { echo "FAIL: $*" >&2; exit 2; }

snapshot=0
repo=""
for arg in "$@"; do
    case "$arg" in
        --snapshot) snapshot=1 ;;
        -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $arg" ;;
        *) [ -z "$repo" ] || die "more than one REPO given"; repo="$arg" ;;
    esac
done
[ -n "$repo" ] || repo="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$repo" && pwd)" || die "no such folder: $repo"
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "$repo is not a git repository"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/concord-e2e-precommit.XXXXXX")" || die "mktemp failed"
cleanup() { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
# pre-commit (its store's build) and swift put their temporary files under TMPDIR: keep them in
# $tmp too, so that an interrupted run leaves nothing behind.
mkdir -p "$tmp/tmp" && export TMPDIR="$tmp/tmp"

# A reproducible environment: no global git or pre-commit state, no GitHub Actions detection
# (under GITHUB_ACTIONS=true the `auto` format would print workflow commands instead of gcc lines).
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=concord-e2e GIT_AUTHOR_EMAIL=concord-e2e@example.invalid
export GIT_COMMITTER_NAME=concord-e2e GIT_COMMITTER_EMAIL=concord-e2e@example.invalid
unset GITHUB_ACTIONS PRE_COMMIT PRE_COMMIT_CONFIG SKIP
export NO_COLOR=1
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
export PIP_DISABLE_PIP_VERSION_CHECK=1

start=$SECONDS
stamp() { echo "[$((SECONDS - start))s] $*"; }

failures=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# --- the hook repository ------------------------------------------------------------------------
if [ "$snapshot" = 1 ]; then
    stamp "snapshot of the working tree of $repo"
    snap="$tmp/concord-snapshot"
    mkdir -p "$snap"
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
        | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
        | tar --null -T - -cf -) | tar -xf - -C "$snap" || die "copying the working tree failed"
    git -C "$snap" init -q && git -C "$snap" add -A \
        && git -C "$snap" commit -q -m "snapshot of $repo" || die "committing the snapshot failed"
    repo="$snap"
fi
git -C "$repo" cat-file -e HEAD:.pre-commit-hooks.yaml 2>/dev/null \
    || die ".pre-commit-hooks.yaml is not committed in $repo (HEAD); commit it or use --snapshot"
echo "hook repository: $repo @ $(git -C "$repo" rev-parse --short HEAD)"

# --- pre-commit in a virtualenv -------------------------------------------------------------------
stamp "creating a virtualenv and installing ${PRE_COMMIT_SPEC:-pre-commit}"
python3 -m venv "$tmp/venv" || die "python3 -m venv failed"
"$tmp/venv/bin/pip" install --quiet "${PRE_COMMIT_SPEC:-pre-commit}" || die "pip install pre-commit failed"
pre_commit="$tmp/venv/bin/pre-commit"
echo "$("$pre_commit" --version), $(swift --version 2>/dev/null | head -n 1)"

# --- the throwaway dataset repository -------------------------------------------------------------
work="$tmp/dataset-repo"
mkdir -p "$work/Datasets" "$work/Rules"
cd "$work" || die "cd $work"
git init -q . || die "git init failed"

cat > Rules/coalitions.yaml <<'YAML'
rules:
  - id: leaders-are-members
    description: Every leader of a coalition is one of its members.
    for: coalitions[*]
    assert: self.leaders.all(l, l in self.members)
    message: "leader {{l}} is not a member of {{self.id}}"
YAML

write_dataset() { # write_dataset LEADER... -- MEMBER...
    {
        echo "coalitions:"
        echo "  - id: it-coalition"
        echo "    leaders:"
        while [ "$1" != "--" ]; do echo "      - $1"; shift; done
        shift
        echo "    members:"
        for m in "$@"; do echo "      - $m"; done
    } > Datasets/coalitions.yaml
}

write_dataset EE LU -- EE LU NL
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $(git -C "$repo" rev-parse HEAD)
    hooks:
      - id: concord
YAML
git add -A && git commit -q -m "dataset" || die "initial commit failed"

# Runs the hook on the staged dataset file; sets $out and $rc.
run_hook() {
    local log="$tmp/pre-commit.$1.log" t0=$SECONDS
    "$pre_commit" run concord --color never --verbose \
        --files Datasets/coalitions.yaml >"$log" 2>&1
    rc=$?
    out="$(cat "$log")"
    stamp "pre-commit run ($1) exited $rc after $((SECONDS - t0))s"
    printf '%s\n' "$out" | sed 's/^/    | /'
}

# (a) a clean change: a new member. The first run builds the hook (swift build -c release).
stamp "(a) clean change (pre-commit builds the hook: swift build -c release, minutes)"
write_dataset EE LU -- EE LU NL BE
git add Datasets/coalitions.yaml
run_hook clean
if [ "$rc" = 0 ] && printf '%s\n' "$out" | grep -q '^concord\.*Passed$'; then
    pass "(a) a clean change passes the concord hook"
else
    fail "(a) a clean change should pass the concord hook (exit $rc)"
fi
if printf '%s\n' "$out" | grep -Eq '^[^ ]+:[0-9]+:[0-9]+: error:'; then
    fail "(a) a clean change printed an error line"
fi

# (b) a leader who is not a member: PL leads but is not in the members list (line 5, column 9).
stamp "(b) a leader who is not a member (pre-commit uses the hook it built)"
write_dataset EE PL -- EE LU NL BE
git add Datasets/coalitions.yaml
run_hook broken
gcc_line='^Datasets/coalitions\.yaml:[0-9]+:[0-9]+: error: leader PL is not a member of it-coalition \[leaders-are-members\]$'
if [ "$rc" != 0 ] && printf '%s\n' "$out" | grep -q '^concord\.*Failed$'; then
    pass "(b) the concord hook fails on a leader who is not a member (exit $rc)"
else
    fail "(b) the concord hook should fail on a leader who is not a member (exit $rc)"
fi
if line="$(printf '%s\n' "$out" | grep -E "$gcc_line")"; then
    pass "(b) gcc line in the output: $line"
    case "$line" in
        Datasets/coalitions.yaml:5:*) pass "(b) the diagnostic points at line 5, where PL is" ;;
        *) fail "(b) the diagnostic should point at line 5, where PL is: $line" ;;
    esac
else
    fail "(b) no line matching $gcc_line in the output"
fi

echo
if [ "$failures" = 0 ]; then
    stamp "PASS: pre-commit end-to-end test"
    exit 0
fi
stamp "FAIL: pre-commit end-to-end test ($failures failed checks)"
exit 1
