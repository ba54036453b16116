/// Limits and switches of the loader.
public struct LoaderOptions: Sendable {
    /// The deepest nesting of sequences and mappings accepted.
    public var maxDepth: Int = 512
    /// Aliases may expand a document to at most `max(aliasExpansionFloor, aliasExpansionFactor ×
    /// the nodes actually written)` nodes.
    public var aliasExpansionFloor: Int = 1_000_000
    public var aliasExpansionFactor: Int = 10
    /// Support YAML 1.1 `<<` merge keys (a mapping or a list of mappings merged into the
    /// mapping; keys written in the mapping win).
    public var mergeKeys: Bool = true
    /// Warn about plain scalars that YAML 1.1 reads differently (`yaml-ambiguous-scalar`).
    public var warnAmbiguousScalars: Bool = true
    /// Files of at least this many bytes are parsed by libyaml on another thread while the
    /// nodes are built (two cores share the work); smaller ones on the calling thread.
    public var pipelineMinimumBytes: Int = 1 << 20
    /// Files of at least this many bytes are parsed in parts of about `parallelPartBytes` by
    /// two libyaml parsers at once, on two cores, where the file's layout allows it
    /// (`SplitPlan`); the events are the same as one parser's.
    public var parallelMinimumBytes: Int = 4 << 20
    public var parallelPartBytes: Int = 1 << 20

    public init() {}
}
