import ConcordDiagnostics

/// One entry of `datasets:` in `.concord.yaml`: a path whose documents are mappings of
/// top-level keys (`- Datasets/`), or a mount that places files whose root is a list, a record
/// or a keyed map at one top-level key (`- {path: data/people/*.yaml, as: people}`).
public struct DatasetMount: Sendable, Hashable {
    /// How a mounted file's documents join the dataset.
    public enum Kind: String, Sendable, CaseIterable {
        /// A root list contributes its items to the list `as`; a root mapping is one record of it.
        case list
        /// A root mapping's entries are merged by key into the map `as`.
        case map
    }

    /// A file, a folder or a glob (`*`, `?` within a segment, `**` across segments), relative to
    /// the configuration's folder (or as resolved by the planner).
    public var path: String
    /// The top-level key the files are mounted at; nil for a plain dataset path.
    public var key: String?
    public var kind: Kind
    /// Where the entry is written in `.concord.yaml` (nil for paths given otherwise).
    public var location: SourceLocation?

    public init(path: String, key: String? = nil, kind: Kind = .list, location: SourceLocation? = nil) {
        self.path = path
        self.key = key
        self.kind = kind
        self.location = location
    }

    /// Whether `path` has glob wildcards.
    public var isGlob: Bool { path.contains("*") || path.contains("?") }

    /// The folder a glob is searched in: its segments before the first wildcard (`.` when the
    /// first segment has one); the path itself when it has no wildcard.
    public var searchRoot: String {
        guard isGlob else { return path }
        var kept: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.contains("*") || segment.contains("?") { break }
            kept.append(segment)
        }
        let root = kept.joined(separator: "/")
        if root.isEmpty { return path.hasPrefix("/") ? "/" : "." }
        return root
    }

    /// The same mount with another path (a resolved one).
    public func with(path: String) -> DatasetMount {
        var copy = self
        copy.path = path
        return copy
    }

    /// How the mount is named in messages: `` `data/people/*.yaml` (as `people`) ``.
    public var description: String {
        "`\(path)`" + (key.map { " (as `\($0)`" + (kind == .map ? ", kind map)" : ")") } ?? "")
    }
}
