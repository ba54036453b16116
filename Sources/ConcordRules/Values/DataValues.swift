import ConcordCEL
import ConcordYAML

/// Turns dataset nodes into CEL values without copying: lists and maps are backed by the YAML
/// storage and produce their elements on access. Every value knows its origin, a global id of
/// the node it came from, which `node(for:)` turns back into a node for blame.
///
/// Lifetime: the lists and maps it makes refer to the YAML files without counting references
/// (copying a value then copies bytes, and cores evaluating rules at the same time do not
/// contend for a shared count). They are valid while the table, which holds the files, lives:
/// keep it alive (`withExtendedLifetime`) while they are used, `Value.materialized()` any
/// value that must outlive it, and `close()` the table when done (debug builds then trap on
/// any later read of its values).
public final class DataValues: Sendable {
    private let files: [YAMLFile]
    private let bases: [Int32]
    private let fileIndex: [ObjectIdentifier: Int]
    /// Each file's lists and maps, as an external source of CEL collections.
    private let collections: [FileCollections]

    public init(files: [YAMLFile]) {
        var bases: [Int32] = []
        var next: Int64 = 0
        var index: [ObjectIdentifier: Int] = [:]
        for (i, file) in files.enumerated() {
            bases.append(Int32(clamping: next))
            next += Int64(file.nodeCount)
            index[ObjectIdentifier(file)] = i
        }
        self.files = files
        self.bases = bases
        self.fileIndex = index
        self.collections = zip(files, bases).map { FileCollections(file: $0, base: $1) }
    }

    /// Ends the time in which the table's values may be read (see `ExternalCollections`).
    public func close() {
        for source in collections { source.close() }
    }

    /// Whether the node of the first origin contains the node of the second (for blame).
    func contains(_ outer: Origin, _ inner: Origin) -> Bool {
        guard let a = node(for: outer), let b = node(for: inner), a.file === b.file else { return false }
        return a.byteRange.lowerBound <= b.byteRange.lowerBound && b.byteRange.upperBound <= a.byteRange.upperBound
    }

    /// The origin of a node (nil for a node of a file this table does not know).
    public func origin(of node: YAMLNode) -> Origin? {
        guard let i = fileIndex[ObjectIdentifier(node.file)] else { return nil }
        return Origin(id: bases[i] &+ node.index)
    }

    /// The node an origin names.
    public func node(for origin: Origin) -> YAMLNode? {
        var lo = 0, hi = bases.count - 1
        guard hi >= 0 else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if bases[mid] <= origin.id { lo = mid } else { hi = mid - 1 }
        }
        return files[lo].node(at: origin.id - bases[lo])
    }

    /// The CEL value of a node.
    public func value(of node: YAMLNode) -> Value {
        guard let i = fileIndex[ObjectIdentifier(node.file)] else { return .null }
        return value(file: Int32(i), id: node.index)
    }

    /// The CEL value of node `id` of file number `file` (no lookup of the file).
    func value(file: Int32, id: Int32) -> Value {
        collections[Int(file)].value(id)
    }

    /// The map key for a mapping key node.
    static func mapKey(_ node: YAMLNode) -> MapKey {
        switch node.scalarValue {
        case .int(let i)?: return .int(i)
        case .bool(let b)?: return .bool(b)
        default: return .string(node.scalarText ?? "")
        }
    }
}

/// A file's sequences and mappings as CEL lists and maps, read from the file's storage on
/// access. Values refer to it by node index and without a reference count (see
/// `ExternalCollections`); the `DataValues` table that made it keeps it alive.
///
/// `@unchecked Sendable` (restated for the subclass): immutable after init.
final class FileCollections: ExternalCollections, @unchecked Sendable {
    let file: YAMLFile
    /// The origin id of the file's node 0.
    let base: Int32

    init(file: YAMLFile, base: Int32) {
        self.file = file
        self.base = base
    }

    /// The CEL value of node `id`: scalars by their resolved value, collections as views.
    func value(_ id: Int32) -> Value {
        switch file.kind(of: id) {
        case .scalar:
            switch file.scalarValue(of: id) ?? .null {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .string: return .string(file.scalarText(of: id) ?? "")
            }
        case .sequence:
            return .list(ListValue(external: ExternalNode(unsafeUnretained: self, id: id)))
        case .mapping:
            return .map(MapValue(external: ExternalNode(unsafeUnretained: self, id: id)))
        }
    }

    override func count(_ id: Int32) -> Int { file.count(of: id) }

    // No `.map(value)` in the accessors below: a method passed as a closure retains `self`,
    // which every core shares (a reference count written from two cores is slow).
    override func element(_ id: Int32, at index: Int) -> Value {
        guard let item = file.item(index, ofSequence: id) else { return .null }
        return value(item)
    }

    override func origin(_ id: Int32, at index: Int) -> Origin? {
        file.item(index, ofSequence: id).map { Origin(id: base &+ $0) }
    }

    override func keys(_ id: Int32) -> [MapKey] {
        file.node(at: id)?.mapping.map { $0.map { DataValues.mapKey($0.key) } } ?? []
    }

    private func valueID(_ id: Int32, _ key: MapKey) -> Int32? {
        if case .string(let s) = key { return file.value(forKey: s, inMapping: id) }
        guard let mapping = file.node(at: id) else { return nil }
        return MergedMapProvider.pair(in: mapping, key)?.value.index
    }

    override func value(_ id: Int32, forKey key: MapKey) -> Value? {
        guard let found = valueID(id, key) else { return nil }
        return value(found)
    }
    override func containsKey(_ id: Int32, _ key: MapKey) -> Bool { valueID(id, key) != nil }
    override func origin(_ id: Int32, forKey key: MapKey) -> Origin? { valueID(id, key).map { Origin(id: base &+ $0) } }
    override func origin(_ id: Int32) -> Origin? { Origin(id: base &+ id) }
}

/// A top-level list concatenated across files.
struct ConcatenatedListProvider: ListProvider {
    let parts: [YAMLNode]
    /// Where each part starts, then the total count (`Dataset.listPartStarts`).
    let starts: [Int]
    let table: DataValues

    var count: Int { starts.last ?? 0 }

    private func item(_ index: Int) -> YAMLNode? {
        guard index >= 0, index < count else { return nil }
        // The last part whose start is at or before `index`.
        var lo = 0, hi = parts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        // A part is a sequence, or one record (see `Dataset.items(of:)`).
        guard let items = parts[lo].sequence else { return index == starts[lo] ? parts[lo] : nil }
        guard index - starts[lo] < items.count else { return nil }
        return items[index - starts[lo]]
    }

    func element(at index: Int) -> Value { item(index).map(table.value(of:)) ?? .null }
    func origin(at index: Int) -> Origin? { item(index).flatMap(table.origin(of:)) }
    var origin: Origin? { parts.first.flatMap(table.origin(of:)) }
}

/// A top-level map merged across files.
struct MergedMapProvider: MapProvider {
    let parts: [YAMLNode]
    /// Each string key's pairs across the parts (`Dataset.mapKeyDefinitions`).
    let definitions: [ExactText: [YAMLPair]]
    let table: DataValues

    var count: Int { keys.count }
    var keys: [MapKey] {
        var seen = Set<MapKey>()
        var out: [MapKey] = []
        for part in parts {
            for pair in part.mapping.map(Array.init) ?? [] {
                let k = DataValues.mapKey(pair.key)
                if seen.insert(k).inserted { out.append(k) }
            }
        }
        return out
    }

    private func pair(_ key: MapKey) -> YAMLPair? {
        if case .string(let s) = key { return definitions[ExactText(s)]?.first }
        for part in parts {
            if let found = MergedMapProvider.pair(in: part, key) { return found }
        }
        return nil
    }

    func value(forKey key: MapKey) -> Value? { pair(key).map { table.value(of: $0.value) } }
    func origin(forKey key: MapKey) -> Origin? { pair(key).flatMap { table.origin(of: $0.value) } }
    var origin: Origin? { parts.first.flatMap(table.origin(of:)) }
}

extension MergedMapProvider {
    static func pair(in node: YAMLNode, _ key: MapKey) -> YAMLPair? {
        guard let mapping = node.mapping else { return nil }
        if case .string(let s) = key { return mapping.pair(forKey: s) }
        return mapping.first { DataValues.mapKey($0.key) == key }
    }
}

/// The merged dataset as a map (`dataset` in expressions).
struct DatasetProvider: MapProvider {
    let dataset: Dataset
    let table: DataValues

    var count: Int { dataset.keys.count }
    var keys: [MapKey] { dataset.keys.map { .string($0) } }

    func value(forKey key: MapKey) -> Value? {
        guard case .string(let name) = key, let merged = dataset.merged(name) else { return nil }
        return DataValues.value(of: merged, table: table)
    }

    func origin(forKey key: MapKey) -> Origin? {
        guard case .string(let name) = key, let entry = dataset.entries[name] else { return nil }
        switch entry {
        case .list(let parts), .map(let parts): return parts.first.flatMap(table.origin(of:))
        case .scalar(let node): return table.origin(of: node)
        }
    }

    var origin: Origin? { nil }
}

extension DataValues {
    static func value(of merged: MergedEntry, table: DataValues) -> Value {
        switch merged.entry {
        case .list(let parts):
            if parts.count == 1, let only = parts.first, only.kind == .sequence { return table.value(of: only) }
            return .list(ListValue(provider: ConcatenatedListProvider(
                parts: parts, starts: merged.listPartStarts, table: table)))
        case .map(let parts):
            if parts.count == 1, let only = parts.first { return table.value(of: only) }
            return .map(MapValue(provider: MergedMapProvider(
                parts: parts, definitions: merged.mapKeyDefinitions, table: table)))
        case .scalar(let node):
            return table.value(of: node)
        }
    }

    /// The whole merged dataset as a CEL map.
    public func value(of dataset: Dataset) -> Value {
        .map(MapValue(provider: DatasetProvider(dataset: dataset, table: self)))
    }
}
