import Foundation

/// Expected output kept in files (the reporters' `Golden/`, the fixtures' `expected.txt`).
/// With `CONCORD_UPDATE_GOLDEN=1` in the environment the file is (re)written with the actual
/// text instead, and the comparison passes.
public enum GoldenFile {
    public static let regenerateVariable = "CONCORD_UPDATE_GOLDEN"

    public static var regenerating: Bool { ProcessInfo.processInfo.environment[regenerateVariable] == "1" }

    /// Compares `actual` with the file at `url` (or, when it cannot be read, `fallback`); returns
    /// nil when they are equal (or the file was regenerated), else what differs.
    public static func mismatch(_ actual: String, expectedAt url: URL, fallback: URL? = nil) -> String? {
        if regenerating {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                return nil
            } catch {
                return "cannot write \(url.path): \(error)"
            }
        }
        let data = (try? Data(contentsOf: url)) ?? fallback.flatMap { try? Data(contentsOf: $0) }
        guard let data, let expected = String(data: data, encoding: .utf8) else {
            return "missing \(url.path); run the tests with \(regenerateVariable)=1 to write it"
        }
        guard expected != actual else { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var detail = ""
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<none>", al = i < a.count ? a[i] : "<none>"
            if el != al {
                detail = "first difference at line \(i + 1):\n  expected: \(el.debugDescription)\n  actual:   \(al.debugDescription)"
                break
            }
        }
        return "output differs from \(url.lastPathComponent) (\(regenerateVariable)=1 regenerates it)\n\(detail)"
    }
}
