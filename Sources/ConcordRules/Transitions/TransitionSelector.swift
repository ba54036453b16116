import ConcordYAML

/// What a transition rule may select: the records of a top-level list or map
/// (`pledges[*]`, `rates.*`), or a field inside each record (`pledges[*].amount`). A record is
/// matched to its old self by identity, then the same fields are followed in both.
struct TransitionSelector: Sendable {
    /// The top-level key.
    let list: String
    /// Keys followed inside each record.
    let fields: [String]

    init?(_ selector: Selector) {
        guard selector.steps.count >= 2, case .key(let list) = selector.steps[0],
              selector.steps[1] == .allItems || selector.steps[1] == .allValues else { return nil }
        var fields: [String] = []
        for step in selector.steps.dropFirst(2) {
            guard case .key(let k) = step else { return nil }
            fields.append(k)
        }
        self.list = list
        self.fields = fields
    }

    /// The selected node inside a record, if the record has it.
    func node(in record: YAMLNode) -> YAMLNode? {
        var current = record
        for field in fields {
            guard let next = current[field] else { return nil }
            current = next
        }
        return current
    }
}
