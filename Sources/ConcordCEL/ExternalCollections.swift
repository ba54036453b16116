#if DEBUG
import Synchronization
#endif

/// Lists and maps that an embedder keeps in its own storage (for instance the nodes of a loaded
/// YAML file), for values that refer to them by number instead of holding a provider.
///
/// Subclass it and override the methods for the kinds of collections you hand out; `id` is
/// whatever number you gave `ExternalNode`. A `ListValue(external:)` or `MapValue(external:)`
/// holds the source without counting a reference to it (copying such a value copies a few
/// bytes, and threads evaluating at the same time share no reference count).
///
/// The invariant (the one unsafe boundary of the evaluator): the embedder keeps the source
/// alive while values that refer to it are in use, and `close()`s it when they are done; a
/// value that must outlive that is copied out first with `Value.materialized()`. Debug builds
/// check it: there a node retains its source, and reading a node of a closed source traps.
///
/// `@unchecked Sendable`: the class has no stored state (subclasses must be immutable too);
/// debug builds add only the atomic `closed` flag.
open class ExternalCollections: @unchecked Sendable {
    #if DEBUG
    private let closed = Atomic<Bool>(false)
    #endif

    public init() {}

    /// Ends the time in which values made from this source may be read (see the invariant
    /// above); debug builds trap on a later read.
    public final func close() {
        #if DEBUG
        closed.store(true, ordering: .releasing)
        #endif
    }

    /// Whether values made from this source may still be read (always true in release builds).
    public final var isOpen: Bool {
        #if DEBUG
        return !closed.load(ordering: .acquiring)
        #else
        return true
        #endif
    }

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

/// A list or map of an `ExternalCollections` source: the source (not retained in release
/// builds) and a number.
///
/// `@unchecked Sendable`: it holds only the address of an immutable, `Sendable` source and a
/// number.
public struct ExternalNode: @unchecked Sendable {
    #if DEBUG
    private let source: ExternalCollections
    #else
    private let source: Unmanaged<ExternalCollections>
    #endif
    public let id: Int32

    /// A node that does not keep `source` alive: the caller keeps it alive, and open, while
    /// values made with this node are read (see `ExternalCollections`).
    package init(unsafeUnretained source: ExternalCollections, id: Int32) {
        #if DEBUG
        self.source = source
        #else
        self.source = .passUnretained(source)
        #endif
        self.id = id
    }

    /// Runs `body` with the source, without retaining it.
    @inline(__always)
    func with<T>(_ body: (ExternalCollections) -> T) -> T {
        #if DEBUG
        assert(source.isOpen, "a value read from an external source was used after the source was closed: materialize it first")
        return body(source)
        #else
        return source._withUnsafeGuaranteedRef(body)
        #endif
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
