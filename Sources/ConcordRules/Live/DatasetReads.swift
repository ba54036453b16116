import ConcordCEL

/// The top-level dataset entries an expression reads through `dataset` (`dataset.coalitions`,
/// `has(dataset.rates)`, `dataset['pledges']`), directly or through the rule files' variables.
/// `everything` when it uses `dataset` otherwise (`dataset[k]`, `dataset.all(...)`): then any
/// change may change what it gives. A rule's own record (`self`) is not a read.
struct DatasetReads: Hashable, Sendable {
    var keys: Set<String> = []
    var everything = false

    static let none = DatasetReads()

    mutating func formUnion(_ other: DatasetReads) {
        keys.formUnion(other.keys)
        everything = everything || other.everything
    }

    /// Whether a change to the top-level entries `changed` can change what was read.
    func overlaps(_ changed: Set<String>) -> Bool {
        everything ? !changed.isEmpty : !keys.isDisjoint(with: changed)
    }
}

extension Expr {
    /// What the expression reads of the dataset; `variables` gives each variable's reads.
    /// Conservative: a comprehension variable that shadows a name still counts as the name.
    func datasetReads(variables: [String: DatasetReads]) -> DatasetReads {
        var reads = DatasetReads()
        collectReads(into: &reads, variables: variables)
        return reads
    }

    private func collectReads(into reads: inout DatasetReads, variables: [String: DatasetReads]) {
        switch kind {
        case .ident(let name):
            if name == DatasetReads.datasetName { reads.everything = true }
            if let known = variables[name] { reads.formUnion(known) }
            return
        case .select(let operand, let field), .has(let operand, let field):
            if operand.isDataset { reads.keys.insert(field); return }
        case .index(let operand, let index):
            if operand.isDataset, case .literal(.string(let key)) = index.kind { reads.keys.insert(key); return }
        default:
            break
        }
        for child in children { child.collectReads(into: &reads, variables: variables) }
    }

    private var isDataset: Bool {
        if case .ident(DatasetReads.datasetName) = kind { return true }
        return false
    }
}

extension DatasetReads {
    /// The name the merged dataset is bound to.
    static let datasetName = "dataset"
}

extension RuleSet {
    /// What each variable reads, its uses of earlier variables included.
    var variableReads: [String: DatasetReads] {
        var reads: [String: DatasetReads] = [:]
        for variable in variables {
            reads[variable.name] = variable.expression.root.datasetReads(variables: reads)
        }
        return reads
    }

    /// The variables that `names` use, directly or through other variables, in their order.
    func variables(usedBy expressions: [Expr]) -> [RuleVariable] {
        var used: Set<String> = []
        let names = Set(variables.map(\.name))
        func visit(_ e: Expr) {
            if case .ident(let name) = e.kind, names.contains(name) { used.insert(name) }
            e.children.forEach(visit)
        }
        expressions.forEach(visit)
        // A variable uses only earlier ones: one pass from the last adds what the used ones use.
        for variable in variables.reversed() where used.contains(variable.name) { visit(variable.expression.root) }
        return variables.filter { used.contains($0.name) }
    }
}

extension Rule {
    /// Every expression of the rule: `when`, the check, `at`, the message's and the fix's.
    var expressions: [Expr] {
        var all = [check.expression.root] + [when, at].compactMap { $0?.root }
        for part in message?.parts ?? [] {
            if case .expression(let e) = part { all.append(e.root) }
        }
        if let fix {
            switch fix.operation {
            case .set(let at, let to), .rename(let at, let to): all += [at.root, to.root]
            case .remove(let at): all.append(at.root)
            }
            for part in fix.description?.parts ?? [] {
                if case .expression(let e) = part { all.append(e.root) }
            }
        }
        return all
    }

    /// What the rule reads of the dataset besides its own record: its expressions' reads and,
    /// for `references`, the target list.
    func datasetReads(variables: [String: DatasetReads]) -> DatasetReads {
        var reads = DatasetReads()
        for e in expressions { reads.formUnion(e.datasetReads(variables: variables)) }
        if case .references(let target, _) = check {
            if case .key(let root)? = target.steps.first { reads.keys.insert(root) } else { reads.everything = true }
        }
        return reads
    }
}

extension RuleCheck {
    /// The `assert`, `unique` or `references` key expression.
    var expression: RuleExpression {
        switch self {
        case .assert(let e), .unique(let e), .references(_, key: let e): return e
        }
    }
}

extension Selector {
    /// `root[*]…` or `root.*…` without an index: each match is one record of one file.
    var isPerRecord: Bool {
        guard steps.count >= 2, case .key = steps[0] else { return false }
        switch steps[1] {
        case .allItems, .allValues: break
        default: return false
        }
        return !steps.contains { if case .index = $0 { return true } else { return false } }
    }
}
