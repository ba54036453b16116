import ConcordDiagnostics
import Foundation

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
            if let data = FileManager.default.contents(atPath: file) {
                texts[file] = String(decoding: data, as: UTF8.self)
            }
        }
        return texts
    }
}
