import ConcordDiagnostics
import ConcordYAML

/// Reads the text of the files that diagnostics point into, for code frames.
enum SourceCache {
    static func texts(for diagnostics: [Diagnostic]) -> [String: String] {
        var files = Set<String>()
        for d in diagnostics {
            files.insert(d.location.file)
            for r in d.related { files.insert(r.location.file) }
        }
        var texts: [String: String] = [:]
        for file in files {
            // PosixFileSystem, not FileManager: Foundation leaks a 4 KB buffer for every empty
            // file it reads (found by AddressSanitizer; docs/testing.md).
            if case .success(let bytes) = PosixFileSystem().contents(of: file) {
                texts[file] = String(decoding: bytes, as: UTF8.self)
            }
        }
        return texts
    }
}
