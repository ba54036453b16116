import ConcordDiagnostics
import ConcordYAML
import Foundation

/// A baseline: the fingerprints of the violations a dataset had when it was written
/// (`concord check --write-baseline FILE`); `--baseline FILE` then reports only new ones.
public struct Baseline: Sendable, Codable {
    public struct Entry: Sendable, Codable, Hashable {
        public var ruleId: String
        public var file: String
        public var fingerprint: String
        public var message: String
    }

    public var version = 1
    public var entries: [Entry]

    public init(diagnostics: [Diagnostic]) {
        entries = diagnostics.compactMap { d in
            d.fingerprint.map { Entry(ruleId: d.ruleID, file: d.location.file, fingerprint: $0, message: d.message) }
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid(String)
        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read the baseline \(path)"
            case .invalid(let reason): return "the baseline is not a Concord baseline: \(reason)"
            }
        }
    }

    public static func load(_ path: String) -> Result<Baseline, LoadError> {
        guard case .success(let bytes) = PosixFileSystem().contents(of: path) else { return .failure(.unreadable(path)) }
        return decode(Data(bytes))
    }

    /// Reads a baseline from the bytes of its file.
    public static func decode(_ data: Data) -> Result<Baseline, LoadError> {
        do {
            return .success(try JSONDecoder().decode(Baseline.self, from: data))
        } catch {
            return .failure(.invalid(String(describing: error)))
        }
    }

    /// The diagnostics whose fingerprints the baseline does not hold (each entry hides one).
    public func filter(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var remaining: [String: Int] = [:]
        for e in entries { remaining[e.fingerprint, default: 0] += 1 }
        return diagnostics.filter { d in
            guard let f = d.fingerprint, let n = remaining[f], n > 0 else { return true }
            remaining[f] = n - 1
            return false
        }
    }
}
