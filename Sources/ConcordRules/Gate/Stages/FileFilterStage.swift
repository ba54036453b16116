import ConcordDiagnostics

/// Paths given inside the dataset (what a pre-commit hook passes): only diagnostics in those
/// files or folders are reported, though the whole dataset was loaded.
public struct FileFilterStage: GateStage {
    public let name = "file filter"
    /// Absolute files or folders (a folder covers what is in it).
    public var roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
    }

    public func apply(_ diagnostics: consuming [Diagnostic], paths: GatePaths) -> [Diagnostic] {
        let exact = Set(roots)
        var verdict: [String: Bool] = [:]   // per file, not per diagnostic
        return diagnostics.filter { d in
            if let known = verdict[d.location.file] { return known }
            let path = paths.absolute(d.location.file)
            let inside = exact.contains(path) || roots.contains { path.hasPrefix($0 + "/") }
            verdict[d.location.file] = inside
            return inside
        }
    }
}
