import ConcordDiagnostics
import ConcordRules
import ConcordYAML

extension Workspace {
    /// In a field that references another list: the ids of that list (their names as detail);
    /// on a key: the keys the record's shape allows that it does not have yet.
    /// The line's text gives the context, so a half-typed line that does not parse still
    /// completes (the file's last parsed tree gives the record).
    public func completion(_ uri: String, _ position: Position) -> [CompletionItem] {
        guard let path = FileURI.path(uri), let live, let tree = live.yamlFile(path) else { return [] }
        let (line, column) = sourcePosition(position, in: path)
        let before = String(String.UnicodeScalarView(Array(lines(of: path).line(line - 1).unicodeScalars).prefix(column - 1)))
        let line0 = LineShape(before)
        if let key = line0.key {
            guard let found = DataNavigation.node(in: tree, line: line, column: key.column),
                  let field = DataNavigation.referenceField(at: found.path, in: live.ruleSet.referenceFields) else { return [] }
            var seen = Set<String>()
            return live.dataset.targets(of: field).compactMap { target in
                guard seen.insert(target.key).inserted else { return nil }
                return CompletionItem(label: target.key, kind: CompletionItem.valueKind,
                                      detail: target.record["name"]?.scalarText, insertText: nil)
            }
        }
        // A key being typed: find a key of the same record above, at the same column.
        let keyColumn = line0.indent + 1
        var row = line - 1
        while row >= 1 {
            let text = lines(of: path).line(row - 1)
            let shape = LineShape(text)
            if let key = shape.key, key.column == keyColumn,
               let found = DataNavigation.node(in: tree, line: row, column: key.column), found.isKey,
               let record = found.ancestors.last {
                let recordPath = Array(found.path.dropLast())
                let present = line0.startsItem ? [] : Set((record.mapping.map(Array.init) ?? []).compactMap { $0.key.stringValue })
                return live.ruleSet.shapes
                    .filter { DataNavigation.matchedLength($0.selector, recordPath) == recordPath.count }
                    .flatMap { shape in shape.fields.fields.filter { !present.contains($0.name) }.map { field in
                        CompletionItem(label: field.name, kind: CompletionItem.propertyKind,
                                       detail: field.spec.type.description + (field.spec.required ? " (required)" : ""),
                                       insertText: field.name + ": ")
                    } }
            }
            if !shape.isBlank, shape.indent < line0.indent { break }
            row -= 1
        }
        return []
    }
}

/// The parts of a YAML line that completion needs: its indentation (a `- ` counts as
/// indentation), and a `key:` with the column of the key.
struct LineShape {
    var indent = 0
    var startsItem = false
    var key: (name: String, column: Int)?
    var isBlank = true

    init(_ text: String) {
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            if chars[i] == " " { i += 1; continue }
            if chars[i] == "-", i + 1 < chars.count, chars[i + 1] == " " { startsItem = true; i += 2; continue }
            break
        }
        indent = i
        guard i < chars.count, chars[i] != "#" else { return }
        isBlank = false
        var j = i
        while j < chars.count, chars[j] != ":" { j += 1 }
        if j < chars.count, j > i, j + 1 == chars.count || chars[j + 1] == " " {
            key = (String(String.UnicodeScalarView(chars[i..<j])), i + 1)
        }
    }
}
