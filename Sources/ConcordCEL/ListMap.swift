import ConcordSupport
import Collections

/// A list supplied by the embedder without copying its data into `Value`s up front (for
/// instance a YAML sequence): elements are produced on access.
public protocol ListProvider: Sendable {
    var count: Int { get }
    func element(at index: Int) -> Value
    func origin(at index: Int) -> Origin?
    /// Where the list itself came from.
    var origin: Origin? { get }
}

/// An immutable list value. Copies are O(1) (the storage is shared).
///
/// Each element may carry an `Origin` chosen by the embedder, so that a failing rule can blame
/// the data node an element came from. A list may also be backed by a `ListProvider`.
public struct ListValue: Sendable {
    fileprivate let backing: Backing

    fileprivate enum Backing: Sendable {
        case array(Storage)
        case provided(ProviderBox)
        case external(ExternalNode)
    }

    /// A provider in a box, so that copying a list retains one object.
    final class ProviderBox: Sendable {
        let provider: any ListProvider
        init(_ provider: any ListProvider) { self.provider = provider }
    }

    final class Storage: Sendable {
        let elements: [Value]
        let origins: [Origin?]?
        /// Where the list as a whole came from (a list computed from a data list).
        let origin: Origin?
        init(elements: [Value], origins: [Origin?]?, origin: Origin? = nil) {
            self.elements = elements
            self.origins = origins
            self.origin = origin
        }
    }

    /// A list without origins.
    public init(_ elements: [Value]) {
        backing = .array(Storage(elements: elements, origins: nil))
    }

    /// A list whose element `i` came from `origins[i]` (`origins` must have the same count as
    /// `elements`; a shorter array leaves the remaining elements without origin).
    public init(_ elements: [Value], origins: [Origin?]) {
        backing = .array(Storage(elements: elements, origins: origins.isEmpty ? nil : origins))
    }

    /// A list computed from the data at `origin` (for instance by `map()`), whose elements
    /// came from `origins` (may be empty).
    public init(_ elements: [Value], origins: [Origin?], origin: Origin?) {
        backing = .array(Storage(elements: elements, origins: origins.isEmpty ? nil : origins, origin: origin))
    }

    /// A list whose elements come from a provider, on access.
    public init(provider: any ListProvider) {
        backing = .provided(ProviderBox(provider))
    }

    /// A list kept by an embedder's `ExternalCollections`, read on access.
    public init(external node: ExternalNode) {
        backing = .external(node)
    }

    /// The elements (materialized for a provided list).
    public var elements: [Value] {
        switch backing {
        case .array(let s): return s.elements
        case .provided(let box): return (0..<box.provider.count).map { box.provider.element(at: $0) }
        case .external(let n): return (0..<n.count).map { n.element(at: $0) }
        }
    }

    /// Number of elements.
    public var count: Int {
        switch backing {
        case .array(let s): return s.elements.count
        case .provided(let box): return box.provider.count
        case .external(let n): return n.count
        }
    }

    /// Element `i` (must be in range).
    public subscript(i: Int) -> Value {
        switch backing {
        case .array(let s): return s.elements[i]
        case .provided(let box): return box.provider.element(at: i)
        case .external(let n): return n.element(at: i)
        }
    }

    /// The origin of element `i`, if the embedder gave one.
    public func origin(at i: Int) -> Origin? {
        switch backing {
        case .array(let s):
            guard let o = s.origins, i >= 0, i < o.count else { return nil }
            return o[i]
        case .provided(let box): return i >= 0 && i < box.provider.count ? box.provider.origin(at: i) : nil
        case .external(let n):
            return i >= 0 && i < n.count ? n.origin(at: i) : nil
        }
    }

    /// Where the list itself came from: a provided list's node, or the data a computed list
    /// was made from.
    public var origin: Origin? {
        switch backing {
        case .array(let s): return s.origin
        case .provided(let box): return box.provider.origin
        case .external(let n): return n.origin
        }
    }
}

/// A key of a map: CEL allows int, uint, bool and string keys. Numeric keys compare across
/// types: `1`, `1u` (and the lookup key `1.0`) name the same entry.
public enum MapKey: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case uint(UInt64)
    case bool(Bool)
    case string(String)

    /// The key as a value.
    public var value: Value {
        switch self {
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        }
    }

    /// Converts a value to a key for building a map; `nil` for unsupported key types.
    public init?(_ value: Value) {
        switch value {
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    public static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.int(let x), .uint(let y)), (.uint(let y), .int(let x)): return x >= 0 && UInt64(x) == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return ExactText.same(x, y)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let i):
            if i >= 0 {
                hasher.combine(0 as UInt8)
                hasher.combine(UInt64(i))
            } else {
                hasher.combine(1 as UInt8)
                hasher.combine(i)
            }
        case .uint(let u):
            hasher.combine(0 as UInt8)
            hasher.combine(u)
        case .bool(let b):
            hasher.combine(2 as UInt8)
            hasher.combine(b)
        case .string(let s):
            hasher.combine(3 as UInt8)
            hasher.combine(s)
        }
    }

    public var description: String { value.description }
}

/// A map supplied by the embedder without copying its data up front (for instance a YAML
/// mapping): values are produced on access.
public protocol MapProvider: Sendable {
    var count: Int { get }
    /// The keys, in order.
    var keys: [MapKey] { get }
    func value(forKey key: MapKey) -> Value?
    func origin(forKey key: MapKey) -> Origin?
    /// Where the map itself came from.
    var origin: Origin? { get }
    /// Whether `key` is present (for `has()`); the default looks the value up.
    func containsKey(_ key: MapKey) -> Bool
}

extension MapProvider {
    public func containsKey(_ key: MapKey) -> Bool { value(forKey: key) != nil }
}

/// An immutable map value with insertion-ordered entries and O(1) key lookup. Copies are O(1).
///
/// Each entry value may carry an `Origin` chosen by the embedder. A map may also be backed by a
/// `MapProvider`.
public struct MapValue: Sendable {
    fileprivate let backing: Backing

    fileprivate enum Backing: Sendable {
        case dictionary(Storage)
        case provided(ProviderBox)
        case external(ExternalNode)
    }

    /// A provider in a box, so that copying a map retains one object.
    final class ProviderBox: Sendable {
        let provider: any MapProvider
        init(_ provider: any MapProvider) { self.provider = provider }
    }

    final class Storage: Sendable {
        let entries: OrderedDictionary<MapKey, Value>
        let origins: [Origin?]?
        /// Where the map as a whole came from (a map computed from data).
        let origin: Origin?
        init(entries: OrderedDictionary<MapKey, Value>, origins: [Origin?]?, origin: Origin? = nil) {
            self.entries = entries
            self.origins = origins
            self.origin = origin
        }
    }

    /// A map from ordered entries without origins.
    public init(_ entries: OrderedDictionary<MapKey, Value>) {
        backing = .dictionary(Storage(entries: entries, origins: nil))
    }

    /// A map whose entry at position `i` (in `entries` order) came from `origins[i]`.
    public init(_ entries: OrderedDictionary<MapKey, Value>, origins: [Origin?]) {
        backing = .dictionary(Storage(entries: entries, origins: origins.isEmpty ? nil : origins))
    }

    /// A map computed from the data at `origin` (for instance by `transformMap()`).
    public init(_ entries: OrderedDictionary<MapKey, Value>, origins: [Origin?], origin: Origin?) {
        backing = .dictionary(Storage(entries: entries, origins: origins.isEmpty ? nil : origins, origin: origin))
    }

    /// A map with string keys, convenient for records. Later duplicates replace earlier ones.
    public init(fields: [(String, Value)], origins: [Origin?] = []) {
        var d = OrderedDictionary<MapKey, Value>(minimumCapacity: fields.count)
        for (k, v) in fields { d[.string(k)] = v }
        self.init(d, origins: origins)
    }

    /// A map whose entries come from a provider, on access.
    public init(provider: any MapProvider) {
        backing = .provided(ProviderBox(provider))
    }

    /// A map kept by an embedder's `ExternalCollections`, read on access.
    public init(external node: ExternalNode) {
        backing = .external(node)
    }

    /// The entries, in insertion order (materialized for a provided map).
    public var entries: OrderedDictionary<MapKey, Value> {
        switch backing {
        case .dictionary(let s): return s.entries
        case .provided(let box): return Self.entries(box.provider.keys, box.provider.value(forKey:))
        case .external(let n): return Self.entries(n.keys, n.value(forKey:))
        }
    }

    /// The entries of a map read key by key (the first of repeated keys wins).
    private static func entries(_ keys: [MapKey], _ value: (MapKey) -> Value?) -> OrderedDictionary<MapKey, Value> {
        var d = OrderedDictionary<MapKey, Value>(minimumCapacity: keys.count)
        for k in keys where d[k] == nil { d[k] = value(k) }
        return d
    }

    /// The keys, in insertion order.
    public var keys: OrderedSet<MapKey> {
        switch backing {
        case .dictionary(let s): return s.entries.keys
        case .provided(let box): return OrderedSet(box.provider.keys)
        case .external(let n): return OrderedSet(n.keys)
        }
    }

    /// Number of entries.
    public var count: Int {
        switch backing {
        case .dictionary(let s): return s.entries.count
        case .provided(let box): return box.provider.count
        case .external(let n): return n.count
        }
    }

    /// The value for `key`, if present (O(1) for dictionary-backed maps).
    public subscript(key: MapKey) -> Value? {
        switch backing {
        case .dictionary(let s): return s.entries[key]
        case .provided(let box): return box.provider.value(forKey: key)
        case .external(let n): return n.value(forKey: key)
        }
    }

    /// The value for a string key, if present.
    public subscript(field: String) -> Value? { self[.string(field)] }

    /// Whether a string key is present (without producing its value).
    public func containsKey(_ field: String) -> Bool {
        switch backing {
        case .dictionary(let s): return s.entries.index(forKey: .string(field)) != nil
        case .provided(let box): return box.provider.containsKey(.string(field))
        case .external(let n): return n.containsKey(.string(field))
        }
    }

    /// The origin of the value stored under `key`, if the embedder gave one.
    public func origin(forKey key: MapKey) -> Origin? {
        switch backing {
        case .dictionary(let s):
            guard let o = s.origins, let i = s.entries.index(forKey: key), i < o.count else { return nil }
            return o[i]
        case .provided(let box): return box.provider.origin(forKey: key)
        case .external(let n):
            return n.origin(forKey: key)
        }
    }

    /// The origin of the value stored under a string key.
    public func origin(forField field: String) -> Origin? { origin(forKey: .string(field)) }

    /// Where the map itself came from: a provided map's node, or the data a computed map was
    /// made from.
    public var origin: Origin? {
        switch backing {
        case .dictionary(let s): return s.origin
        case .provided(let box): return box.provider.origin
        case .external(let n): return n.origin
        }
    }

    /// Looks a value up by a CEL value key (int, uint, bool, string, or a double with an integral value).
    func lookup(_ key: Value) -> Value? {
        switch key {
        case .double(let d):
            if let i = Int64(exactly: d) { return self[.int(i)] }
            if let u = UInt64(exactly: d) { return self[.uint(u)] }
            return nil
        default:
            guard let k = MapKey(key) else { return nil }
            return self[k]
        }
    }
}

extension Value {
    /// The value with every provider-backed list and map (at any depth) copied into plain
    /// storage, origins kept: the result no longer depends on the embedder's storage, so it may
    /// outlive it.
    public func materialized() -> Value {
        switch self {
        case .list(let l):
            guard l.isProvided else { return self }
            let elements = (0..<l.count).map { l[$0].materialized() }
            return .list(ListValue(elements, origins: (0..<l.count).map { l.origin(at: $0) }, origin: l.origin))
        case .map(let m):
            guard m.isProvided else { return self }
            var entries = OrderedDictionary<MapKey, Value>(minimumCapacity: m.count)
            var origins: [Origin?] = []
            for key in m.keys where entries[key] == nil {
                entries[key] = m[key]?.materialized() ?? .null
                origins.append(m.origin(forKey: key))
            }
            return .map(MapValue(entries, origins: origins, origin: m.origin))
        default:
            return self
        }
    }
}

extension Value {
    /// A copy that shares no reference-counted storage with this value (lists, maps and long
    /// strings are copied; provided lists and maps are kept, as their providers decide what
    /// they share). Threads that each read their own copy of a value never contend for the
    /// reference count of its storage.
    public func isolatedCopy() -> Value {
        switch self {
        case .string(let s):
            return .string(String(decoding: Array(s.utf8), as: UTF8.self))
        case .list(let l):
            guard !l.isProvided else { return self }
            return .list(ListValue((0..<l.count).map { l[$0].isolatedCopy() }, origins: (0..<l.count).map { l.origin(at: $0) },
                                   origin: l.origin))
        case .map(let m):
            guard !m.isProvided else { return self }
            var entries = OrderedDictionary<MapKey, Value>(minimumCapacity: m.count)
            var origins: [Origin?] = []
            for (key, value) in m.entries {
                entries[key.isolatedCopy()] = value.isolatedCopy()
                origins.append(m.origin(forKey: key))
            }
            return .map(MapValue(entries, origins: origins, origin: m.origin))
        default:
            return self
        }
    }
}

extension MapKey {
    func isolatedCopy() -> MapKey {
        if case .string(let s) = self { return .string(String(decoding: Array(s.utf8), as: UTF8.self)) }
        return self
    }
}

extension ListValue {
    /// Whether the elements come from a provider or an external source.
    var isProvided: Bool {
        if case .array = backing { return false }
        return true
    }
}

extension MapValue {
    /// Whether the entries come from a provider or an external source.
    var isProvided: Bool {
        if case .dictionary = backing { return false }
        return true
    }
}

extension Value {
    /// Where a list or map value came from, when it knows (nil for other values).
    var collectionOrigin: Origin? {
        switch self {
        case .list(let l): return l.origin
        case .map(let m): return m.origin
        default: return nil
        }
    }
}
