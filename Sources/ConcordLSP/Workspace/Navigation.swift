import ConcordDiagnostics
import ConcordRules
import ConcordYAML

extension Workspace {
    /// From a reference value to the record it names; from a rule id in a suppression to the
    /// rule in its rule file.
    public func definition(_ uri: String, _ position: Position) -> [Location] {
        guard let place = place(uri, position) else { return [] }
        if let s = place.suppressedRuleID, let at = ruleDescriptor(s.id)?.definedAt {
            return [Location(uri: self.uri(for: at.file), range: range(at.range, in: at.file))]
        }
        guard let reference = referenceValue(at: place), let dataset = live?.dataset else { return [] }
        return dataset.targets(of: reference.field).filter { $0.key == reference.value }.map { location(of: $0.keyNode) }
    }

    /// From a record's key (or a reference to it) to every value that names the record.
    public func references(_ uri: String, _ position: Position, includeDeclaration: Bool) -> [Location] {
        guard let place = place(uri, position), let live, let found = place.node, !found.isKey else { return [] }
        let fields = live.ruleSet.referenceFields
        var key: String?
        var targetsOf: [ReferenceField] = []
        if let reference = referenceValue(at: place) {
            key = reference.value
            targetsOf = fields.filter { $0.targets == reference.field.targets }
        } else {
            // A record's key: the fields whose targets are this node's path.
            targetsOf = fields.filter { DataNavigation.matchedLength($0.targets, found.path) == found.path.count }
            key = found.node.stringValue ?? found.node.scalarText
        }
        guard let key, !targetsOf.isEmpty else { return [] }
        var out: [Location] = []
        if includeDeclaration, let field = targetsOf.first {
            out += live.dataset.targets(of: field).filter { $0.key == key }.map { location(of: $0.keyNode) }
        }
        for field in targetsOf {
            out += live.dataset.values(of: field).filter { $0.value == key }.map { location(of: $0.node) }
        }
        return out
    }
}
