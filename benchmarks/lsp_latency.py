#!/usr/bin/env python3
"""Latency of `concord lsp`: from a didChange to the publishDiagnostics of that version.

    benchmarks/lsp_latency.py CONCORD_BINARY [--out DIR] [--edits N]

(a) the shipped dataset, editing a pledge (its coalition, alternately broken and fixed);
(b) 200,000 generated pledges (benchmarks/generate.py) in 200 files of 1,000 plus the coalitions
    file, editing one pledge file (an amount); (c) the same, editing the coalitions file (a name).
Prints p50 and p95 of each over N edits (default 50), the time to the first diagnostics after
`initialize` against a `concord check` of the same data, and the server's peak memory on (b)
against the check's. One edit at a time: the next is sent when the previous version's
diagnostics have arrived (so debouncing merges nothing; the server's default 10 ms pause counts).
"""
import argparse
import json
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[1]


class Server:
    def __init__(self, binary, root):
        self.process = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=root)
        self.root = root

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        out = self.process.stdout
        length = None
        while True:
            line = out.readline()
            if not line:
                raise RuntimeError("the server ended")
            if line == b"\r\n":
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(out.read(length))

    def wait_publish(self, uri=None, version=None):
        while True:
            m = self.receive()
            if m.get("method") != "textDocument/publishDiagnostics":
                continue
            p = m["params"]
            if (uri is None or p["uri"] == uri) and (version is None or p.get("version") == version):
                return p

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"rootUri": pathlib.Path(self.root).as_uri(), "capabilities": {},
                              "initializationOptions": {"diagnostics": "push"}}})
        while self.receive().get("id") != 1:
            pass
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def peak_kb(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def stop(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.process.wait(timeout=60)


def check_run(binary, root):
    """Wall time (s) and peak memory (KB) of one `concord check` in `root`."""
    started = time.perf_counter()
    process = subprocess.Popen([binary, "check", "--format", "json", "-q"], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss


def edits(server, path, line, texts, count):
    """Replaces line `line` (0-based) alternately with each of `texts`; returns latencies (ms)."""
    uri = pathlib.Path(path).as_uri()
    text = pathlib.Path(path).read_text()
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    server.wait_publish(uri, 1)
    old_length = len(text.split("\n")[line].encode("utf-16-le")) // 2
    latencies = []
    for i in range(count):
        new = texts[i % len(texts)]
        version = i + 2
        change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": old_length}}, "text": new}
        started = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        server.wait_publish(uri, version)
        latencies.append((time.perf_counter() - started) * 1000)
        old_length = len(new.encode("utf-16-le")) // 2
    return latencies


def percentiles(values):
    ordered = sorted(values)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95


def line_index(path, needle):
    for i, line in enumerate(pathlib.Path(path).read_text().split("\n")):
        if needle in line:
            return i, line
    raise ValueError(f"{needle!r} not in {path}")


def shipped(out):
    root = out / "lsp-shipped"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "Datasets", root / "Datasets")
    shutil.copytree(REPO / "Rules", root / "Rules")
    return root


def generated(out, pledges=200_000, per_file=1_000):
    root = out / f"lsp-{pledges}"
    if (root / "Datasets" / "coalitions.yaml").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "Datasets" / "pledges").mkdir(parents=True)
    shutil.copytree(REPO / "Rules", root / "Rules")
    text = subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--pledges", str(pledges)],
                          check=True, capture_output=True, text=True).stdout
    head, body = text.split("\npledges:\n", 1)
    (root / "Datasets" / "coalitions.yaml").write_text(head + "\n")
    records = body.split("\n  - id: ")
    records[0] = records[0][len("  - id: "):]
    for n in range(0, len(records), per_file):
        chunk = records[n:n + per_file]
        (root / "Datasets" / "pledges" / f"{n // per_file:03d}.yaml").write_text(
            "pledges:\n" + "".join("  - id: " + r.rstrip("\n") + "\n" for r in chunk))
    # One planted violation, so that a first diagnostic is published.
    last = root / "Datasets" / "pledges" / f"{(len(records) - 1) // per_file:03d}.yaml"
    last.write_text(last.read_text().replace("coalition: coalition-", "coalition: no-coalition-", 1))
    return root


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--pledges", type=int, default=200_000)
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"concord lsp latency, {args.edits} edits per case; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")

    # (a) the shipped dataset.
    root = shipped(out)
    pledge_file = root / "Datasets" / "pledges" / "2024.yaml"
    i, line = line_index(pledge_file, "coalition: ")
    server = Server(args.binary, root)
    server.initialize()
    a = edits(server, pledge_file, i, [line + "x", line], args.edits)
    server.stop()
    check_a, _ = check_run(args.binary, root)
    p50, p95 = percentiles(a)
    print(f"(a) shipped dataset, editing a pledge:      p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (target p95 <= 30 ms; a check takes {check_a * 1000:.0f} ms)")

    # (b), (c): generated pledges.
    root = generated(out, args.pledges)
    checks = [check_run(args.binary, root) for _ in range(3)]
    check_s = statistics.median(c[0] for c in checks)
    check_kb = max(c[1] for c in checks)
    server = Server(args.binary, root)
    started = time.perf_counter()
    server.initialize()
    server.wait_publish()
    first = time.perf_counter() - started
    pledge_files = sorted((root / "Datasets" / "pledges").glob("*.yaml"))
    pledge_file = pledge_files[len(pledge_files) // 2]
    i, line = line_index(pledge_file, "amount: {value: ")
    b = edits(server, pledge_file, i, [line.replace("value: ", "value: 1"), line], args.edits)
    coalitions = root / "Datasets" / "coalitions.yaml"
    j, cline = line_index(coalitions, "name: Capability coalition 7")
    c = edits(server, coalitions, j, [cline + "x", cline], args.edits)
    peak_kb = server.peak_kb()
    server.stop()
    files = len(list((root / "Datasets" / "pledges").glob("*.yaml"))) + 1
    p50, p95 = percentiles(b)
    print(f"(b) {args.pledges} pledges in {files} files, editing a pledge file:  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (target p95 <= 100 ms)")
    p50, p95 = percentiles(c)
    print(f"(c) the same, editing the coalitions file: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  (target: <= a full check, {check_s * 1000:.0f} ms)")
    print(f"first diagnostics after initialize: {first * 1000:.0f} ms = {first / check_s:.2f} x a concord check ({check_s * 1000:.0f} ms; target <= 1.2)")
    print(f"server peak memory on (b): {peak_kb / 1024:.0f} MB = {peak_kb / check_kb:.2f} x concord check's peak ({check_kb / 1024:.0f} MB; target <= 1.3)")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
