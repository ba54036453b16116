/// Counts how often each key has been seen, so that the second and later of equal keys can be
/// told apart (fingerprints, GitLab issue fingerprints).
public struct OccurrenceCounter<Key: Hashable>: Sendable where Key: Sendable {
    private var seen: [Key: Int] = [:]

    public init() {}

    /// A counter with room for `capacity` distinct keys.
    public init(capacity: Int) {
        seen.reserveCapacity(capacity)
    }

    /// How many times `key` was seen before this call (0 the first time); counts this one.
    public mutating func next(_ key: Key) -> Int {
        var n = 0
        Self.count(&seen[key, default: 0], before: &n)
        return n
    }

    /// One lookup of the key: reads its count and counts this occurrence.
    private static func count(_ count: inout Int, before n: inout Int) {
        n = count
        count += 1
    }
}
