/// A unified diff of two texts (`--- a/FILE`, `+++ b/FILE`, hunks with three lines of
/// context), as `diff -u` and `git diff` print it. Lines are compared with their line ends,
/// so a changed line end shows.
public enum UnifiedDiff {
    public static let context = 3

    public static func render(file: String, before: [UInt8], after: [UInt8]) -> String {
        let a = lines(before), b = lines(after)
        let script = editScript(a, b)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- a/\(file)\n+++ b/\(file)\n"
        // Group changes into hunks with `context` lines around them.
        var i = 0
        while i < script.count {
            guard script[i].kind != .same else { i += 1; continue }
            var start = i
            var back = 0
            while start > 0, back < context, script[start - 1].kind == .same { start -= 1; back += 1 }
            var end = i
            var sameRun = 0
            var j = i
            while j < script.count {
                if script[j].kind == .same {
                    sameRun += 1
                    if sameRun > 2 * context { break }
                } else {
                    sameRun = 0
                    end = j
                }
                j += 1
            }
            let stop = min(script.count, end + 1 + context)
            let hunk = script[start..<stop]
            let oldStart = (hunk.first?.oldLine ?? 0), newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for step in hunk {
                let (prefix, text) = step.kind == .insert ? ("+", b[step.newLine - 1]) : (step.kind == .delete ? "-" : " ", a[step.oldLine - 1])
                out += prefix + String(decoding: text, as: UTF8.self)
                if text.last != 0x0A { out += "\n\\ No newline at end of file\n" }
            }
            i = stop
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(count == 0 ? start - 1 : start),\(count)"
    }

    /// Lines with their line ends (`\n`, `\r\n`).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(bytes[start...i])
            start = i + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    struct Step {
        enum Kind { case same, delete, insert }
        var kind: Kind
        /// 1-based line numbers; for an insertion `oldLine` is the line it goes before, and
        /// for a deletion `newLine` likewise.
        var oldLine: Int
        var newLine: Int
    }

    /// The shortest edit script (Myers' O(ND) algorithm), after the common prefix and suffix.
    static func editScript(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        let n = x.count, m = y.count
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        search: for d in 0...(n + m) {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var px: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    px = v[offset + k + 1]
                } else {
                    px = v[offset + k - 1] + 1
                }
                var py = px - k
                while px < n, py < m, x[px] == y[py] { px += 1; py += 1 }
                v[offset + k] = px
                if px >= n, py >= m { break search }
            }
        }
        // Walk the trace back from (n, m).
        var middle: [Step.Kind] = []
        var px = n, py = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) where d > 0 || px > 0 || py > 0 {
            let vd = trace[d]
            let k = px - py
            let previousK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1
            let previousX = vd[offset + previousK]
            let previousY = previousX - previousK
            while px > previousX, py > previousY { middle.append(.same); px -= 1; py -= 1 }
            if d > 0 { middle.append(px == previousX ? .insert : .delete) }
            px = previousX
            py = previousY
        }
        middle.reverse()
        var steps: [Step] = []
        var oldLine = 1, newLine = 1
        func add(_ kind: Step.Kind) {
            steps.append(Step(kind: kind, oldLine: oldLine, newLine: newLine))
            if kind != .insert { oldLine += 1 }
            if kind != .delete { newLine += 1 }
        }
        for _ in 0..<prefix { add(.same) }
        for kind in middle { add(kind) }
        for _ in 0..<suffix { add(.same) }
        return steps
    }
}
