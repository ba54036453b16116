#!/usr/bin/env python3
"""Benchmarks Concord against libyaml's raw event loop and against peer tools, in one run.

    benchmarks/run.sh [PLEDGES]     (builds first; default 200000 pledges, about 53 MB)

Every command runs ROUNDS times, interleaved (round 1 of every command, then round 2, ...), so
that a machine whose speed drifts treats them alike; the fastest run of each counts. Prints wall
time, peak memory (maximum resident set size) and their ratios to the baseline: a C program that
only pulls libyaml events from the same file (benchmarks/event_loop.c). Then the scale
comparisons, each with its target and whether it is met, and the load average (wall times on a
busy machine are slower, and a program on two cores suffers more than the one-core baseline).
PEERS=0 leaves out the peers' table (the slowest part).
"""
import os
import subprocess
import sys
import tempfile

ROUNDS = int(os.environ.get("ROUNDS", "3"))


def measure(commands):
    """commands: [(label, argv, stdout_to_devnull)] -> {label: (seconds, kilobytes)}"""
    best = {}
    with tempfile.NamedTemporaryFile(mode="r") as out:
        for _ in range(ROUNDS):
            for label, argv in commands:
                subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%e %M"] + argv,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                out.seek(0)
                line = out.read().strip().splitlines()[-1]
                seconds, kb = line.split()
                seconds, kb = float(seconds), int(kb)
                if label not in best or seconds < best[label][0]:
                    best[label] = (seconds, kb)
    return best


def table(title, commands, size_kb, targets=None):
    """Prints each command's best time and peak memory with their ratios to the first command's
    time and to the file's size; `targets` maps a label to its bounds (x time, x file)."""
    results = measure(commands)
    base_t, _ = results[commands[0][0]]
    targets = targets or {}
    print(title + f"  [load average {load_average()}]")
    print(f"{'command':<44}{'seconds':>9}{'peak MB':>10}{'x time':>9}{'x file':>9}  target")
    for label, _ in commands:
        t, kb = results[label]
        bound = targets.get(label)
        verdict = ""
        if bound:
            x_time, x_file = bound
            checks = []
            if x_time is not None:
                checks.append(f"x time <= {x_time}: " + ("met" if t / base_t <= x_time else "MISSED"))
            if x_file is not None:
                checks.append(f"x file <= {x_file}: " + ("met" if kb / size_kb <= x_file else "MISSED"))
            verdict = "; ".join(checks)
        print(f"{label:<44}{t:>9.2f}{kb / 1024:>10.1f}{t / base_t:>9.2f}{kb / size_kb:>9.2f}  {verdict}")
    print()


def main():
    out = sys.argv[1]
    big, small = sys.argv[2], sys.argv[3]
    split, broken = sys.argv[4], sys.argv[5]
    concord = ".build/release/concord"
    no_rules = os.path.join(out, "no-rules")
    os.makedirs(no_rules, exist_ok=True)
    big_kb = os.path.getsize(big) / 1024
    small_kb = os.path.getsize(small) / 1024

    print(f"file: {big} ({big_kb / 1024:.0f} MB); best of {ROUNDS} interleaved runs")
    print(f"load average before: {load_average()} (other work on the machine slows wall times; peak memory is not noisy)\n")
    table("The 200,000-pledge file:", [
        ("libyaml event loop (C)", [os.path.join(out, "event_loop"), big]),
        ("concord check (loader only)", [concord, "check", big, "--rules", no_rules, "--format", "gcc", "-q"]),
        ("concord check (Rules/)", [concord, "check", big, "--rules", "Rules", "--format", "gcc", "-q"]),
        ("concord dump > /dev/null", [concord, "dump", big]),
    ], big_kb, targets={
        "concord check (loader only)": (2.0, 5.0),
        "concord check (Rules/)": (2.0, 6.0),
        "concord dump > /dev/null": (3.0, None),
    })

    # Scale: cost linear in files and in violations (each pair measured side by side).
    small_records = os.path.basename(small)
    table(f"The same pledges as one file ({small_records}) and as one file per pledge ({split}):", [
        ("concord check (Rules/), one file", [concord, "check", small, "--rules", "Rules", "--format", "gcc", "-q"]),
        ("concord check (Rules/), one file per pledge", [concord, "check", split, "--rules", "Rules", "--format", "gcc", "-q"]),
    ], small_kb, targets={"concord check (Rules/), one file per pledge": (2.0, None)})

    baseline = os.path.join(out, "broken.baseline.json")
    written = os.path.join(out, "broken.written.json")
    subprocess.run([concord, "check", broken, "--rules", "Rules", "--format", "gcc", "-q", "--write-baseline", baseline],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    violations = subprocess.run([concord, "check", broken, "--rules", "Rules", "--format", "gcc", "-q"],
                                capture_output=True, text=True).stdout.count("\n")
    table(f"Every pledge breaking one rule ({broken}, {violations} lines of gcc output) beside the clean file:", [
        ("concord check (Rules/), clean", [concord, "check", big, "--rules", "Rules", "--format", "gcc", "-q"]),
        ("concord check (Rules/), every pledge broken", [concord, "check", broken, "--rules", "Rules", "--format", "gcc", "-q"]),
        ("  ... --write-baseline", [concord, "check", broken, "--rules", "Rules", "--format", "gcc", "-q",
                                    "--write-baseline", written]),
        ("  ... --baseline (all known)", [concord, "check", broken, "--rules", "Rules", "--format", "gcc", "-q",
                                          "--baseline", baseline]),
    ], big_kb, targets={
        "concord check (Rules/), every pledge broken": (2.0, None),
        "  ... --write-baseline": (2.0, None),
        "  ... --baseline (all known)": (2.0, None),
    })

    if os.environ.get("PEERS", "1") == "0":
        print(f"load average after: {load_average()} (PEERS=0: the peers' table is left out)")
        return
    venv = os.path.join(out, "venv", "bin")
    peers = [
        ("yamllint (default rules)", [os.path.join(venv, "yamllint"), "-f", "parsable", small]),
        ("yamale (shape schema)", [os.path.join(venv, "yamale"), "-s", "benchmarks/peers/dataset.yamale", small]),
        ("check-jsonschema (shape schema)", [os.path.join(venv, "check-jsonschema"), "--schemafile",
                                             "benchmarks/peers/dataset.schema.json", small]),
    ]
    installed = [p for p in peers if os.access(p[1][0], os.X_OK)]
    for label, argv in peers:
        if (label, argv) not in installed:
            print(f"{label}: not installed (pip install into {venv} failed)")
    table(f"The 10x smaller file ({small_kb / 1024:.0f} MB), beside the peers:", [
        ("libyaml event loop (C)", [os.path.join(out, "event_loop"), small]),
        ("concord check (loader only)", [concord, "check", small, "--rules", no_rules, "--format", "gcc", "-q"]),
        ("concord check (Rules/)", [concord, "check", small, "--rules", "Rules", "--format", "gcc", "-q"]),
    ] + installed, small_kb)
    print(f"load average after: {load_average()}")


def load_average():
    """The 1, 5 and 15-minute load averages and the number of cores."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    main()
