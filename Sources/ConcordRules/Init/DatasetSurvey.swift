import ConcordSupport
import ConcordYAML
import Foundation

/// What `concord init` finds in a folder of YAML data: for each file or group of files, the
/// entry of `datasets:` that mounts it.
///
/// - a file whose documents are lists: a list mount named after the file;
/// - a folder of two or more files that each hold one record (a mapping) sharing a field: a glob
///   mounted as a list named after the folder;
/// - a file whose root mapping's values are all lists of records: the merged layout (a plain
///   path);
/// - a file whose root mapping's values are all lists, or all mappings: a keyed map;
/// - any other mapping: one record of a list named after the file;
/// - rule files (`rules:` of mappings with `id` and `for`) are left out; files that do not load
///   are plain paths, so that `concord check` reports why.
public struct DatasetSurvey: Sendable {
    /// One entry of `datasets:`, with what was seen in its files.
    public struct Entry: Sendable {
        public var mount: DatasetMount
        /// What the files hold, in words ("a list of 3 records").
        public var found: String
        /// For list mounts: the records seen (mappings), to suggest a starter rule.
        public var records: [[String: String]] = []
        /// The number of files.
        public var fileCount: Int = 1
    }

    /// Paths relative to the surveyed folder.
    public private(set) var entries: [Entry] = []

    enum Shape {
        case list([YAMLNode])
        case record(YAMLNode)
        case plain
        case keyedMap(Int)
        case ruleFile
    }

    /// Surveys the YAML files under `folder`.
    public init(folder: String) {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let files = (try? YAMLFileFinder.files(under: [base]).get()) ?? []
        let loader = YAMLLoader()
        var shapes: [(path: String, shape: Shape)] = []
        for file in files {
            shapes.append((RelativePath.display(file, under: base), Self.shape(of: loader.load(path: file))))
        }
        var byFolder: [String: [Int]] = [:]
        for (i, item) in shapes.enumerated() {
            byFolder[Self.folder(of: item.path), default: []].append(i)
        }
        var grouped = Set<Int>()
        var groups: [(path: String, entry: Entry)] = []
        for (folder, indexes) in byFolder {
            let records = indexes.compactMap { i -> YAMLNode? in
                if case .record(let node) = shapes[i].shape { return node }
                return nil
            }
            guard records.count >= 2, records.count == indexes.count, !Self.commonFields(records).isEmpty else { continue }
            grouped.formUnion(indexes)
            let allYAML = indexes.allSatisfy { shapes[$0].path.hasSuffix(".yaml") }
            let glob = (folder.isEmpty ? "" : folder + "/") + (allYAML ? "*.yaml" : "*")
            let name = folder.isEmpty ? URL(fileURLWithPath: base).lastPathComponent : folder
            groups.append((glob, Entry(mount: DatasetMount(path: glob, key: Self.name(for: name)),
                                       found: "one record per file, \(records.count) files",
                                       records: records.map(Self.fields), fileCount: records.count)))
        }
        for (i, item) in shapes.enumerated() where !grouped.contains(i) {
            let stem = Self.name(for: (item.path as NSString).deletingPathExtension)
            switch item.shape {
            case .ruleFile:
                continue
            case .plain:
                groups.append((item.path, Entry(mount: DatasetMount(path: item.path), found: "top-level keys (the merged layout)")))
            case .list(let items):
                groups.append((item.path, Entry(mount: DatasetMount(path: item.path, key: stem),
                                                found: "a list of \(items.count) record\(items.count == 1 ? "" : "s")",
                                                records: items.filter { $0.mapping != nil }.map(Self.fields))))
            case .record(let node):
                groups.append((item.path, Entry(mount: DatasetMount(path: item.path, key: stem), found: "one record",
                                                records: [Self.fields(node)])))
            case .keyedMap(let count):
                groups.append((item.path, Entry(mount: DatasetMount(path: item.path, key: stem, kind: .map),
                                                found: "a keyed map of \(count) entr\(count == 1 ? "y" : "ies")")))
            }
        }
        // One kind per name: a list and a map named alike get distinct names.
        var kinds: [String: DatasetMount.Kind] = [:]
        for (_, entry) in groups.sorted(by: { $0.path < $1.path }) {
            var entry = entry
            if var key = entry.mount.key {
                var n = 2
                while let kind = kinds[key], kind != entry.mount.kind {
                    key = (entry.mount.key ?? "") + "_\(n)"
                    n += 1
                }
                kinds[key] = entry.mount.kind
                entry.mount.key = key
            }
            entries.append(entry)
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// A name for `as`: the last path segment, with characters other than letters, digits and
    /// `_` turned into `_` (so that `dataset.NAME` works in expressions).
    static func name(for path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        var name = String(String.UnicodeScalarView(last.unicodeScalars.map {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" ? $0 : "_"
        }))
        if name.isEmpty || name.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true { name = "_" + name }
        return name
    }

    static func shape(of result: LoadResult) -> Shape {
        let roots = result.documents.map(\.root).filter { $0.scalarValue != .null }
        guard result.succeeded, let root = roots.first else { return .plain }
        if roots.allSatisfy({ $0.kind == .sequence }) {
            return .list(roots.flatMap { $0.sequence.map(Array.init) ?? [] })
        }
        guard roots.count == 1, let pairs = root.mapping, !pairs.isEmpty else { return .plain }
        let values = pairs.map(\.value)
        if let rules = root["rules"]?.sequence, !rules.isEmpty,
           rules.allSatisfy({ $0["id"] != nil && $0["for"] != nil }) { return .ruleFile }
        if values.allSatisfy({ $0.sequence.map { !$0.isEmpty && $0.allSatisfy { $0.mapping != nil } } ?? false }) { return .plain }
        if values.allSatisfy({ $0.kind == .sequence }) || values.allSatisfy({ $0.kind == .mapping }) {
            return .keyedMap(pairs.count)
        }
        return .record(root)
    }

    /// The scalar fields of a record, as text.
    static func fields(_ node: YAMLNode) -> [String: String] {
        var out: [String: String] = [:]
        for pair in node.mapping.map(Array.init) ?? [] {
            guard let key = pair.key.stringValue else { continue }
            out[key] = pair.value.isScalar ? (pair.value.scalarText ?? "") : ""
        }
        return out
    }

    static func commonFields(_ records: [YAMLNode]) -> Set<String> {
        var common: Set<String>?
        for record in records {
            let keys = Set(fields(record).keys)
            common = common.map { $0.intersection(keys) } ?? keys
        }
        return common ?? []
    }
}
