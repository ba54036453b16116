import ConcordCEL

/// Which rules judge a record by itself: a rule whose selector picks items of a top-level list
/// or map (`pledges[*]`, `coalitions[*].members[*]`, no `[N]`) and whose expressions (when,
/// assert, message, at, fix) name neither `dataset` nor a variable gives the same findings for
/// a record whatever the other records are, so a live check runs it again only on the records
/// of an edited file. Every other rule (`unique`, `references`, rules reading variables or the
/// dataset) is cross-record and runs on the whole dataset.
extension RuleSet {
    /// The record-local rules and shapes, and the cross-record rest (with all the variables).
    public func splitByLocality() -> (local: RuleSet, crossRecord: RuleSet) {
        let globalNames = Set(variables.map(\.name) + ["dataset"])
        var local = RuleSet(), cross = RuleSet()
        local.files = files
        cross.files = files
        cross.variables = variables
        for rule in rules {
            if rule.isRecordLocal(globalNames) { local.rules.append(rule) } else { cross.rules.append(rule) }
        }
        for shape in shapes {
            if shape.selector.isPerRecord { local.shapes.append(shape) } else { cross.shapes.append(shape) }
        }
        return (local, cross)
    }
}

extension Rule {
    func isRecordLocal(_ globalNames: Set<String>) -> Bool {
        guard selector.isPerRecord, transition == nil, case .assert(let assertion) = check else { return false }
        var expressions = [assertion] + [when, at].compactMap { $0 }
        for part in message?.parts ?? [] {
            if case .expression(let e) = part { expressions.append(e) }
        }
        if let fix {
            switch fix.operation {
            case .set(let at, let to), .rename(let at, let to): expressions += [at, to]
            case .remove(let at): expressions.append(at)
            }
            for part in fix.description?.parts ?? [] {
                if case .expression(let e) = part { expressions.append(e) }
            }
        }
        return !expressions.contains { $0.root.names(in: globalNames) }
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

extension Expr {
    /// Whether the expression names one of `names` (anywhere, shadowed or not: a conservative
    /// answer).
    func names(in names: Set<String>) -> Bool {
        if case .ident(let name) = kind, names.contains(name) { return true }
        return children.contains { $0.names(in: names) }
    }
}
