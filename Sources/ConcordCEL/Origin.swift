/// An opaque handle, chosen by the embedder, naming the source of a value (for instance a node of
/// a YAML document). The expression language never interprets it; it only carries it so that the
/// embedder can later blame a specific data node.
public struct Origin: Hashable, Sendable {
    public var id: Int32
    public init(id: Int32) { self.id = id }
}
