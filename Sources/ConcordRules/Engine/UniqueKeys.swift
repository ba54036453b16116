import ConcordCEL
import ConcordDiagnostics

/// The key of one match of a `unique` rule: its identity and its value (for the message).
struct UniqueKey: Sendable {
    let key: ValueKey
    let value: Value
}

/// A hashable identity for values in `unique` and `references`: numbers by value across types,
/// strings by their scalars, other values by their canonical text.
struct ValueKey: Hashable, Sendable {
    let key: MapKey?
    let text: String?

    init(_ value: Value) {
        if let k = MapKey(value) {
            key = k
            text = nil
        } else if case .double(let d) = value, let i = Int64(exactly: d) {
            key = .int(i)
            text = nil
        } else {
            key = nil
            text = value.description
        }
    }
}

/// The comparison of a `unique` rule's keys, in match order on one thread (the keys themselves
/// are evaluated on every core): the first match of each key, and a diagnostic for each later
/// match with the same key.
struct UniqueKeyComparison {
    private let worker: RuleWorker
    private let base: Activation
    private var seen: [ValueKey: SelectorMatch] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(_ worker: RuleWorker, expecting count: Int, base: Activation) {
        self.worker = worker
        self.base = base
        seen.reserveCapacity(count)
    }

    mutating func record(_ key: UniqueKey, of match: SelectorMatch) {
        guard let first = seen[key.key] else {
            seen[key.key] = match
            return
        }
        diagnostics.append(worker.duplicate(key, of: match, first: first, base: base))
    }
}
