/// How a live check re-checks the data after an edit, rule by rule.
///
/// A rule whose selector picks records of a top-level list or map (`pledges[*]`,
/// `coalitions[*].members[*]`, no `[N]`, no `selfKey`) gives for a record findings that depend
/// only on that record and on the top-level entries it reads (`DatasetReads`: through
/// `dataset`, variables, or a `references` target). Such rules are grouped by what they read;
/// after an edit a group re-checks only the edited files' records, unless the edit changed an
/// entry the group reads, and then all records. A `unique` rule among them keeps each file's
/// keys and compares all keys again (cheap: no evaluation). Every other rule, and rules that
/// read the dataset in ways not known before running (`dataset[k]`), run on the whole
/// dataset after every edit.
struct LivePlan: Sendable {
    /// Per-record rules that read the same entries.
    struct Group: Sendable {
        let reads: DatasetReads
        var rules: RuleSet
    }

    var groups: [Group] = []
    /// The rules run on the whole dataset, with every variable.
    var whole = RuleSet()

    init(_ set: RuleSet) {
        let variableReads = set.variableReads
        whole.files = set.files
        whole.variables = set.variables
        var byReads: [DatasetReads: Int] = [:]
        func add(to reads: DatasetReads, _ change: (inout RuleSet) -> Void) {
            let index = byReads[reads] ?? {
                groups.append(Group(reads: reads, rules: RuleSet()))
                byReads[reads] = groups.count - 1
                return groups.count - 1
            }()
            change(&groups[index].rules)
        }
        for rule in set.rules {
            let reads = rule.datasetReads(variables: variableReads)
            if rule.selector.isPerRecord, rule.transition == nil, !rule.mentionsSelfKey, !reads.everything {
                add(to: reads) { $0.rules.append(rule) }
            } else {
                whole.rules.append(rule)
            }
        }
        for shape in set.shapes {
            if shape.selector.isPerRecord { add(to: .none) { $0.shapes.append(shape) } } else { whole.shapes.append(shape) }
        }
        for i in groups.indices {
            groups[i].rules.files = set.files
            groups[i].rules.variables = set.variables(usedBy: groups[i].rules.rules.flatMap(\.expressions))
        }
    }

    /// The ids of the rules that run on the whole dataset (for tests and logs).
    var wholeRuleIDs: [String] { whole.rules.map(\.id) + whole.shapes.map(\.id) }
}

