import ConcordDiagnostics

/// Diagnostics, and in a partial run (`RuleEngine.check(_:within:)`) the file of the match each
/// one is about (nil for what is about no match, as a variable that cannot be evaluated).
struct Found: Sendable {
    var diagnostics: [Diagnostic] = []
    /// Parallel to `diagnostics` in a partial run; empty otherwise.
    var owners: [String?] = []

    init(diagnostics: [Diagnostic] = []) { self.diagnostics = diagnostics }

    /// The diagnostics from index `start` on are about `match`.
    mutating func attribute(since start: Int, to match: SelectorMatch) {
        let added = diagnostics.count - start
        guard added > 0 else { return }
        pad(to: start)
        owners.append(contentsOf: repeatElement(String?.some(match.node.file.path), count: added))
    }

    mutating func append(_ other: Found) {
        if !other.owners.isEmpty || !owners.isEmpty {
            pad(to: diagnostics.count)
            owners.append(contentsOf: other.owners)
            owners.append(contentsOf: repeatElement(String?.none, count: other.diagnostics.count - other.owners.count))
        }
        diagnostics.append(contentsOf: other.diagnostics)
    }

    private mutating func pad(to count: Int) {
        if owners.count < count { owners.append(contentsOf: repeatElement(String?.none, count: count - owners.count)) }
    }
}

/// A `unique` rule's key for one match, kept between live runs (the key is owned text, the
/// match a handle into its file's tree).
struct KeyedMatch: Sendable {
    let key: ValueKey
    let match: SelectorMatch
}

/// What a run found: the diagnostics (with their match's file in a partial run) and, in a
/// partial run, each `unique` rule's keys in match order.
struct PartialFindings: Sendable {
    let found: Found
    let keys: [(rule: String, keys: [KeyedMatch])]

    var diagnostics: [Diagnostic] { found.diagnostics }
}
