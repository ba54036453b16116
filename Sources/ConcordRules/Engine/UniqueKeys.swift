import ConcordCEL
import ConcordDiagnostics

/// The key of one match of a `unique` rule: its identity and its value (for the message).
struct UniqueKey: Sendable {
    let key: ValueKey
    let value: Value
}

/// A hashable identity for values in `unique` and `references`: numbers by value across types,
/// strings by their scalars, other values by their canonical text.
enum ValueKey: Hashable, Sendable {
    case key(MapKey)
    case text(String)

    init(_ value: Value) {
        if let k = MapKey(value) {
            self = .key(k)
        } else if case .double(let d) = value, let i = Int64(exactly: d) {
            self = .key(.int(i))
        } else {
            self = .text(value.description)
        }
    }
}

/// The comparison of a `unique` rule's keys, in match order on one thread (the keys themselves
/// are evaluated on every core): the first match of each key, and a diagnostic for each later
/// match with the same key.
struct UniqueKeyComparison {
    private let worker: RuleWorker
    private let base: Activation
    private let matches: [SelectorMatch]
    /// The index in `matches` of each key's first match.
    private var seen: [ValueKey: Int32] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(_ worker: RuleWorker, matches: [SelectorMatch], base: Activation) {
        self.worker = worker
        self.base = base
        self.matches = matches
        seen.reserveCapacity(matches.count)
    }

    /// Records the key of match number `index`.
    mutating func record(_ key: UniqueKey, of index: Int) {
        guard let first = seen[key.key] else {
            seen[key.key] = Int32(truncatingIfNeeded: index)
            return
        }
        diagnostics.append(worker.duplicate(key, of: matches[index], first: matches[Int(first)], base: base))
    }
}
