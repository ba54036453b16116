import ConcordDiagnostics
import ConcordYAML

/// The merged view of every dataset document: top-level lists with the same key are
/// concatenated across files, top-level maps are merged by key (a key defined twice is an
/// error), and other top-level values may be defined once. Every value keeps its node, so it
/// still knows its file and range.
public struct Dataset: Sendable {
    /// What one top-level key holds across all files.
    public enum Entry: Sendable {
        /// Sequences from one or more files, in file order.
        case list([YAMLNode])
        /// Mappings from one or more files, merged (keys are unique across them).
        case map([YAMLNode])
        /// A scalar (defined in one file).
        case scalar(YAMLNode)
    }

    /// Top-level keys in order of first appearance.
    public private(set) var keys: [String] = []
    public private(set) var entries: [String: Entry] = [:]
    /// Where each top-level key was first defined.
    private var firstDefinition: [String: YAMLNode] = [:]
    /// Every file that contributed, in order.
    public private(set) var files: [YAMLFile] = []
    /// The files in `files`, for a constant-time membership test.
    private var fileIdentities: Set<ObjectIdentifier> = []
    /// For each top-level map merged from two or more documents: each string key, with its pair
    /// in every part that defines it (in part order). Merging and lookups are then linear in
    /// entries rather than in entries × parts.
    private(set) var mapKeyDefinitions: [String: [ExactText: [YAMLPair]]] = [:]
    /// For each top-level list: where each part starts in the concatenated list, then the
    /// total count (so an index finds its part by binary search).
    private(set) var listPartStarts: [String: [Int]] = [:]
    /// Problems found while merging.
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public init(documents: [YAMLDocument]) {
        for document in documents { add(document) }
    }

    /// Merges one document into the dataset.
    public mutating func add(_ document: YAMLDocument) {
        if fileIdentities.insert(ObjectIdentifier(document.file)).inserted {
            files.append(document.file)
        }
        let root = document.root
        guard let pairs = root.mapping else {
            if root.scalarValue == .null { return }
            diagnostics.append(DatasetRules.rootNotMapping.diagnostic(at: root.location,
                                                                      message: DatasetRules.Message.rootNotMapping))
            return
        }
        for pair in pairs {
            guard let key = pair.key.stringValue else {
                diagnostics.append(DatasetRules.rootNotMapping.diagnostic(
                    at: pair.key.location,
                    message: DatasetRules.Message.nonStringKey))
                continue
            }
            add(key: key, keyNode: pair.key, value: pair.value)
        }
    }

    /// Merges one document of a file that `mount` brings in: a plain path's documents are
    /// mappings of top-level keys; a mount places its documents at the key `as` (see
    /// `DatasetMount.Kind`), and a document of another shape is an error naming the mount.
    /// Adds a file's documents, mounted as `concord check` mounts them (nil: a plain path).
    mutating func add(_ documents: [YAMLDocument], mount: DatasetMount?) {
        for document in documents {
            if let mount { add(document, mount: mount) } else { add(document) }
        }
    }

    public mutating func add(_ document: YAMLDocument, mount: DatasetMount) {
        guard let key = mount.key else { return add(document) }
        if fileIdentities.insert(ObjectIdentifier(document.file)).inserted {
            files.append(document.file)
        }
        let root = document.root
        switch (mount.kind, root.kind) {
        case (.list, .sequence), (.map, .mapping):
            add(key: key, keyNode: root, value: root)
        case (.list, .mapping):
            add(key: key, keyNode: root, value: root, asRecord: true)
        default:
            if root.scalarValue == .null { return }
            diagnostics.append(DatasetRules.mountShape.diagnostic(
                at: root.location, message: DatasetRules.Message.mountShape(mount, found: root.kind)))
        }
    }

    /// Adds `value` under the top-level `key`; `asRecord`: a mapping that is one item of the list `key`.
    private mutating func add(key: String, keyNode: YAMLNode, value: YAMLNode, asRecord: Bool = false) {
        guard let index = entries.index(forKey: key) else {
            keys.append(key)
            firstDefinition[key] = keyNode
            switch asRecord ? .sequence : value.kind {
            case .sequence:
                entries[key] = .list([value])
                listPartStarts[key] = [0, Self.itemCount(of: value)]
            case .mapping: entries[key] = .map([value])
            case .scalar: entries[key] = .scalar(value)
            }
            return
        }
        switch (entries.values[index].kind, asRecord ? .sequence : value.kind) {
        case (.sequence, .sequence):
            entries.values[index].appendPart(value)
            listPartStarts[key, default: [0]].append((listPartStarts[key]?.last ?? 0) + Self.itemCount(of: value))
        case (.mapping, .mapping):
            // Keys of the new map must be new.
            var definitions = mapKeyDefinitions.removeValue(forKey: key) ?? Self.keyDefinitions(of: entries.values[index].parts)
            let newDefinitions = Self.keyDefinitions(of: [value])
            for pair in value.mapping.map(Array.init) ?? [] {
                guard let name = pair.key.stringValue else { continue }
                for earlier in definitions[ExactText(name)] ?? [] {
                    diagnostics.append(DatasetRules.duplicateKey.diagnostic(
                        at: pair.key.location,
                        message: DatasetRules.Message.duplicateKey("\(key).\(name)"),
                        related: [RelatedLocation(location: earlier.key.location, message: DatasetRules.Message.firstDefinition)]))
                }
            }
            for (name, nodes) in newDefinitions { definitions[name, default: []].append(contentsOf: nodes) }
            mapKeyDefinitions[key] = definitions
            entries.values[index].appendPart(value)
        default:
            let first = firstDefinition[key]
            let message = entries.values[index].isScalar && value.kind == .scalar
                ? DatasetRules.Message.duplicateKey(key) : DatasetRules.Message.conflictingKinds(key)
            let related = first.map { [RelatedLocation(location: $0.location, message: DatasetRules.Message.firstDefinition)] }
            diagnostics.append(DatasetRules.duplicateKey.diagnostic(at: keyNode.location, message: message, related: related ?? []))
        }
    }

    /// Each string key of the given mappings with its first key node in each mapping, in order.
    private static func keyDefinitions(of parts: [YAMLNode]) -> [ExactText: [YAMLPair]] {
        var definitions: [ExactText: [YAMLPair]] = [:]
        for part in parts {
            var seen: Set<ExactText> = []
            for pair in part.mapping.map(Array.init) ?? [] {
                guard let name = pair.key.stringValue.map(ExactText.init), seen.insert(name).inserted else { continue }
                definitions[name, default: []].append(pair)
            }
        }
        return definitions
    }

    /// A top-level entry with the indexes that read it across its parts (nil for an unknown key).
    func merged(_ key: String) -> MergedEntry? {
        entries[key].map { MergedEntry(entry: $0, listPartStarts: listPartStarts[key] ?? [], mapKeyDefinitions: mapKeyDefinitions[key] ?? [:]) }
    }

    /// The number of records: items of the top-level lists.
    public var recordCount: Int {
        entries.values.reduce(0) { total, entry in
            if case .list(let parts) = entry { return total + parts.reduce(0) { $0 + Self.itemCount(of: $1) } }
            return total
        }
    }
}

/// A top-level entry of the dataset and the indexes that read it across its parts.
/// A class (immutable): every match of a top-level selector refers to it in 8 bytes.
final class MergedEntry: Sendable {
    let entry: Dataset.Entry
    /// Lists: where each part starts, then the total count.
    let listPartStarts: [Int]
    /// Maps of two or more parts: each string key's pairs across the parts.
    let mapKeyDefinitions: [ExactText: [YAMLPair]]

    init(entry: Dataset.Entry, listPartStarts: [Int], mapKeyDefinitions: [ExactText: [YAMLPair]]) {
        self.entry = entry
        self.listPartStarts = listPartStarts
        self.mapKeyDefinitions = mapKeyDefinitions
    }
}

/// A string compared by its UTF-8 bytes, as YAML keys are (`==` on `String` also equates
/// canonically equivalent texts).
struct ExactText: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: ExactText, b: ExactText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        for byte in text.utf8 { hasher.combine(byte) }
    }
}

extension Dataset.Entry {
    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }

    /// The kind of node each part is.
    var kind: YAMLNode.Kind {
        switch self {
        case .list: return .sequence
        case .map: return .mapping
        case .scalar: return .scalar
        }
    }

    /// The nodes that make up the entry, in file order.
    var parts: [YAMLNode] {
        switch self {
        case .list(let parts), .map(let parts): return parts
        case .scalar(let node): return [node]
        }
    }

    /// Appends a part to a list or map in place (the parts array is released from `self`
    /// before it grows, so it is not copied).
    mutating func appendPart(_ node: YAMLNode) {
        switch self {
        case .list(var parts):
            self = .scalar(node)
            parts.append(node)
            self = .list(parts)
        case .map(var parts):
            self = .scalar(node)
            parts.append(node)
            self = .map(parts)
        case .scalar:
            break
        }
    }
}

/// The dataset's own checks.
public enum DatasetRules: BuiltInRules {
    case duplicateKey, rootNotMapping, mountShape

    public var descriptor: RuleDescriptor {
        switch self {
        case .duplicateKey:
            return RuleDescriptor(id: "dataset-duplicate-key",
                                  shortDescription: "A top-level key or map entry is defined once across all dataset files.",
                                  fullDescription: "Top-level lists with the same key are concatenated across files and top-level maps are merged by key; a map entry or a scalar defined in two files, or a key holding a list in one file and a map in another, is an error.",
                                  defaultSeverity: .error)
        case .rootNotMapping:
            return RuleDescriptor(id: "dataset-root-not-mapping",
                                  shortDescription: "Each dataset document is a mapping of top-level keys.",
                                  defaultSeverity: .error)
        case .mountShape:
            return RuleDescriptor(id: "dataset-mount-shape",
                                  shortDescription: "Each mounted document has the shape its mount takes.",
                                  fullDescription: "A file mounted as a list (`{path, as}`) holds a list of records or one record (a mapping); a file mounted as a map (`kind: map`) holds a mapping whose entries join the map.",
                                  defaultSeverity: .error)
        }
    }

    enum Message {
        static func duplicateKey(_ key: String) -> String { "`\(key)` is defined twice in the dataset" }
        static func conflictingKinds(_ key: String) -> String {
            "`\(key)` holds a different kind of value here than where it was first defined (a list, a map or a scalar)"
        }
        static let firstDefinition = "first defined here"
        static let rootNotMapping = "a dataset document must be a mapping of top-level keys (such as `coalitions:` or `pledges:`)"
        static let nonStringKey = "top-level keys of a dataset document must be strings"
        static func mountShape(_ mount: DatasetMount, found: YAMLNode.Kind) -> String {
            let expected = mount.kind == .list ? "a list of records or one record (a mapping)" : "a mapping of keys to values"
            let kind = found == .sequence ? "a list" : found == .mapping ? "a mapping" : "a scalar"
            return "a document mounted by \(mount.description) must be \(expected), not \(kind)"
        }
    }
}

extension Dataset {
    /// The items a part of a list entry contributes: a sequence's items, or the part itself
    /// when it is one record (the root mapping of a file mounted as a list).
    static func items(of part: YAMLNode) -> [YAMLNode] {
        if let items = part.sequence { return Array(items) }
        return [part]
    }

    /// The number of items a part of a list entry contributes.
    static func itemCount(of part: YAMLNode) -> Int { part.sequence?.count ?? 1 }
}

extension Dataset.Entry {
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
