#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds:  scripts/fuzz.sh TARGET SECONDS [libFuzzer flags]
#   TARGET: loader | pipeline | cel | rules | config | baseline   (`all` runs each in turn)
# `scripts/fuzz.sh build` only builds every target (so that targets can then run side by side:
# two builds in .build-fuzz/ at once would wait for each other).
# Builds Fuzz/ (its own package, depending on this one by path) with
# `-sanitize=fuzzer,address -parse-as-library` into .build-fuzz/, seeds a corpus in .fuzz/ (not
# committed) from Datasets/, Rules/, Tests/Fixtures/ and ../shared/conformance/ when present,
# and runs with the limits the project holds the code to: 512 MB, 1 s per input, leaks fatal.
# Exit status: 0 when nothing was found; a finding is saved as .fuzz/artifacts/TARGET-crash-… etc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags]}
scratch="$root/.build-fuzz"
if [ "$target" = build ]; then
    cd Fuzz && exec swift build -c release --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fi
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags]}
shift 2

if [ "$target" = all ]; then
    for t in loader pipeline cel rules config baseline; do "$0" "$t" "$seconds" "$@"; done
    exit 0
fi
case "$target" in
    loader) product=FuzzLoader ;;
    pipeline) product=FuzzPipeline ;;
    cel) product=FuzzCEL ;;
    rules) product=FuzzRuleFile ;;
    config) product=FuzzConfiguration ;;
    baseline) product=FuzzBaseline ;;
    *) echo "unknown fuzz target: $target (loader, pipeline, cel, rules, config, baseline, all)" >&2; exit 2 ;;
esac

(cd Fuzz && swift build -c release --scratch-path "$scratch" --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2)
binary="$scratch/release/$product"

corpus="$root/.fuzz/corpus/$target"
artifacts="$root/.fuzz/artifacts"
mkdir -p "$corpus" "$artifacts"
shared="$root/../shared/conformance"
seed() { # seed FILE...: copies files into the corpus under names made from their paths
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | sed 's|^\.\./||; s|[/ ]|_|g')"
    done
    return 0
}
yaml_files() { find "$@" -type f \( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null; }
case "$target" in
    loader|pipeline)
        seed $(yaml_files Datasets Rules Tests/Fixtures examples)
        [ -d "$shared/yaml-test-suite" ] && seed $(find "$shared/yaml-test-suite" -name in.yaml)
        ;;
    rules)
        seed $(yaml_files Rules Tests/Fixtures/rules)
        ;;
    cel)
        # Every CEL conformance expression and every expression of the rule files, one per file.
        python3 - "$corpus" "$shared/cel" Rules Tests/Fixtures/rules <<'PY'
import json, os, re, sys
out, sources = sys.argv[1], sys.argv[2:]
n = 0
def emit(expr):
    global n
    n += 1
    with open(os.path.join(out, "seed-%05d" % n), "w") as f:
        f.write(expr)
for folder in sources:
    if not os.path.isdir(folder):
        continue
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".json"):
            with open(path) as f:
                for case in json.load(f):
                    if "expr" in case:
                        emit(case["expr"])
        elif name.endswith((".yaml", ".yml")):
            with open(path) as f:
                for line in f:
                    m = re.match(r"\s*(?:- )?(?:assert|when|key|at): *(.+)$", line)
                    if m and not m.group(1).startswith(("|", ">")):
                        emit(m.group(1).strip().strip("'\""))
PY
        ;;
    config)
        printf 'datasets: [Datasets, more/data]\nrules: Rules\nformat: gcc\nfail-on: warning\nseverity:\n  yaml-ambiguous-scalar: off\n  pledge-amount-positive: warning\noverrides:\n  - files: ["Datasets/**/*.yml", "*/a/?/c/*"]\n    severity: {pledge-amount-positive: info}\n' > "$corpus/seed-full"
        printf 'datasets: Datasets\n' > "$corpus/seed-small"
        ;;
    baseline)
        printf '{"version":1,"entries":[{"ruleId":"pledge-amount-positive","file":"Datasets/pledges/nl.yaml","fingerprint":"3f2a9c","message":"amount must be positive"},{"ruleId":"yaml-syntax","file":"x.yaml","fingerprint":"00","message":"caf\\u00e9 \\"q\\""}]}\n' > "$corpus/seed-full"
        printf '{"version":1,"entries":[]}\n' > "$corpus/seed-empty"
        ;;
esac

cd "$root/.fuzz"
# Leaks in the toolchain's Foundation, not in Concord, are listed (with their finding) there.
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
exec "$binary" "$corpus" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=1 \
    -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$@"
