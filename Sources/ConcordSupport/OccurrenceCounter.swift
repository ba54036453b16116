/// Counts how often each key has been seen, so that the second and later of equal keys can be
/// told apart (fingerprints, GitLab issue fingerprints).
public struct OccurrenceCounter<Key: Hashable>: Sendable where Key: Sendable {
    private var seen: [Key: Int] = [:]

    public init() {}

    /// How many times `key` was seen before this call (0 the first time); counts this one.
    public mutating func next(_ key: Key) -> Int {
        let n = seen[key, default: 0]
        seen[key] = n + 1
        return n
    }
}
