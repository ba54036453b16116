import ConcordDiagnostics
import ConcordRules
import ConcordYAML

/// What is at a place of a document: the node under it (in the file's last parsed tree), the
/// rule id under it in a `# concord-ignore:` comment, and the diagnostics covering it.
struct Place {
    var path: String
    var line: Int
    var column: Int
    var node: NodeAtPosition?
    var suppressedRuleID: (id: String, range: Range)?
    var diagnostics: [Diagnostic]
}

extension Workspace {
    func place(_ uri: String, _ position: Position) -> Place? {
        guard let path = FileURI.path(uri) else { return nil }
        let (line, column) = sourcePosition(position, in: path)
        let node = live?.yamlFile(path).flatMap { DataNavigation.node(in: $0, line: line, column: column) }
        let covering = (diagnostics[path] ?? []).filter { d in
            guard let r = d.location.range else { return false }
            let p = SourcePosition(line: line, column: column, offset: 0)
            return !(p < r.start) && (p < r.end || p == r.end || r.start == r.end)
        }
        return Place(path: path, line: line, column: column, node: node,
                     suppressedRuleID: suppressionRule(in: path, line: line, column: column), diagnostics: covering)
    }

    /// The rule id under a column in a `# concord-ignore: A, B reason` comment.
    private func suppressionRule(in path: String, line: Int, column: Int) -> (id: String, range: Range)? {
        let text = Array(lines(of: path).line(line - 1).unicodeScalars)
        let marker = Array(Suppressions.marker.unicodeScalars)
        guard let at = (0..<max(0, text.count - marker.count + 1)).first(where: { Array(text[$0..<$0 + marker.count]) == marker }),
              column - 1 >= at + marker.count else { return nil }
        func isIDChar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" }
        var start = min(column - 1, text.count), end = start
        while start > at + marker.count, isIDChar(text[start - 1]) { start -= 1 }
        while end < text.count, isIDChar(text[end]) { end += 1 }
        guard end > start else { return nil }
        let id = String(String.UnicodeScalarView(text[start..<end]))
        guard ruleDescriptor(id) != nil else { return nil }
        let range = lines(of: path).range(SourceRange(start: SourcePosition(line: line, column: start + 1, offset: 0),
                                                      end: SourcePosition(line: line, column: end + 1, offset: 0)),
                                          encoding: encoding)
        return (id, range)
    }

    /// Every rule Concord knows: the rule files' rules and shapes, and the built-in checks.
    func ruleDescriptor(_ id: String) -> RuleDescriptor? {
        let all = RuleRegistry(rules: live?.ruleSet ?? RuleSet()).descriptors
        return all.first { $0.id == id }
    }

    /// The reference field a place is a value of, and its value.
    func referenceValue(at place: Place) -> (field: ReferenceField, value: String, node: YAMLNode)? {
        guard let found = place.node, !found.isKey, let live,
              let value = found.node.stringValue ?? found.node.scalarText,
              let field = DataNavigation.referenceField(at: found.path, in: live.ruleSet.referenceFields) else { return nil }
        return (field, value, found.node)
    }

    func location(of node: YAMLNode) -> Location {
        Location(uri: uri(for: node.file.path), range: range(node.range, in: node.file.path))
    }
}
