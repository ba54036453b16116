/// Lists and maps that an embedder keeps in its own storage (for instance the nodes of a loaded
/// YAML file), for values that refer to them by number instead of holding a provider.
///
/// Subclass it and override the methods for the kinds of collections you hand out; `id` is
/// whatever number you gave `ExternalNode`. A `ListValue(external:)` or `MapValue(external:)`
/// holds the source without counting a reference to it (copying such a value copies a few
/// bytes, and threads evaluating at the same time share no reference count): the embedder
/// keeps the source alive while values that refer to it are in use, and
/// `Value.materialized()` copies a value out of it.
open class ExternalCollections: @unchecked Sendable {
    public init() {}

    // Lists
    open func count(_ id: Int32) -> Int { 0 }
    open func element(_ id: Int32, at index: Int) -> Value { .null }
    open func origin(_ id: Int32, at index: Int) -> Origin? { nil }

    // Maps
    open func keys(_ id: Int32) -> [MapKey] { [] }
    open func value(_ id: Int32, forKey key: MapKey) -> Value? { nil }
    open func containsKey(_ id: Int32, _ key: MapKey) -> Bool { value(id, forKey: key) != nil }
    open func origin(_ id: Int32, forKey key: MapKey) -> Origin? { nil }

    /// Where the list or map itself came from.
    open func origin(_ id: Int32) -> Origin? { nil }
}

/// A list or map of an `ExternalCollections` source: the source (not retained) and a number.
public struct ExternalNode: @unchecked Sendable {
    private let source: Unmanaged<ExternalCollections>
    public let id: Int32

    /// `source` must outlive every value made with this node.
    public init(_ source: ExternalCollections, id: Int32) {
        self.source = .passUnretained(source)
        self.id = id
    }

    /// Runs `body` with the source, without retaining it.
    @inline(__always)
    func with<T>(_ body: (ExternalCollections) -> T) -> T {
        source._withUnsafeGuaranteedRef(body)
    }

    var count: Int { with { $0.count(id) } }
    func element(at index: Int) -> Value { with { $0.element(id, at: index) } }
    func origin(at index: Int) -> Origin? { with { $0.origin(id, at: index) } }
    var keys: [MapKey] { with { $0.keys(id) } }
    func value(forKey key: MapKey) -> Value? { with { $0.value(id, forKey: key) } }
    func containsKey(_ key: MapKey) -> Bool { with { $0.containsKey(id, key) } }
    func origin(forKey key: MapKey) -> Origin? { with { $0.origin(id, forKey: key) } }
    var origin: Origin? { with { $0.origin(id) } }
}
