import ConcordDiagnostics

/// Renders `concord diff` (a `DatasetChanges`): `pretty` for people, `json` for programs (a
/// versioned schema, see docs/formats.md), `github` as a Markdown table for a pull request's
/// step summary. Pure functions of the changes, like the diagnostic reporters.
public enum DiffFormat: String, Sendable, CaseIterable {
    case pretty, json, github

    public func render(_ changes: DatasetChanges) -> String {
        switch self {
        case .pretty: return DiffReporter.pretty(changes)
        case .json: return DiffReporter.json(changes)
        case .github: return DiffReporter.markdown(changes)
        }
    }
}

enum DiffReporter {
    static func summary(_ c: DatasetChanges) -> String {
        "\(c.count(.added)) added, \(c.count(.removed)) removed, \(c.count(.modified)) modified, \(c.count(.moved)) moved"
    }

    static func name(_ change: DatasetChanges.Change) -> String {
        "\(change.list) \(change.identity ?? "(no id)")"
    }

    static func place(_ location: SourceLocation) -> String {
        location.range.map { "\(location.file):\($0.start.line)" } ?? location.file
    }

    static func fieldText(_ f: DatasetChanges.FieldChange) -> String {
        "\(f.field.isEmpty ? "value" : f.field): \(f.old ?? "(absent)") → \(f.new ?? "(absent)")"
    }

    static func pretty(_ c: DatasetChanges) -> String {
        var out = "\(c.base) → \(c.head): \(summary(c))\n"
        for change in c.changes {
            switch change.kind {
            case .added: out += "+ \(name(change))  \(place(change.location))\n"
            case .removed: out += "- \(name(change))  \(place(change.location))\n"
            case .modified: out += "~ \(name(change))  \(place(change.location))\n"
            case .moved:
                out += "> \(name(change))  \(change.oldLocation.map(place) ?? "?") → \(place(change.location))\n"
            }
            for field in change.fields { out += "    \(fieldText(field))\n" }
        }
        return out
    }

    static func json(_ c: DatasetChanges) -> String {
        func location(_ l: SourceLocation?) -> JSONValue {
            guard let l else { return .null }
            return .object([("file", .string(l.file)), ("line", .optional(l.range?.start.line)),
                            ("column", .optional(l.range?.start.column))])
        }
        let changes: [JSONValue] = c.changes.map { change in
            .object([
                ("kind", .string(change.kind.rawValue)),
                ("list", .string(change.list)),
                ("identity", .optional(change.identity)),
                ("location", location(change.location)),
                ("oldLocation", location(change.oldLocation)),
                ("fields", .array(change.fields.map { f in
                    .object([("field", .string(f.field)), ("old", .optional(f.old)), ("new", .optional(f.new))])
                })),
            ])
        }
        let counts: JSONValue = .object([DatasetChanges.Kind.added, .removed, .modified, .moved].map {
            ($0.rawValue, .int(c.count($0)))
        })
        return JSONValue.object([
            ("version", .int(DatasetChanges.schemaVersion)),
            ("base", .string(c.base)),
            ("head", .string(c.head)),
            ("summary", counts),
            ("changes", .array(changes)),
        ]).rendered()
    }

    /// A Markdown table; `|` and line breaks in cells are escaped.
    static func markdown(_ c: DatasetChanges) -> String {
        func cell(_ s: String) -> String {
            var out = ""
            for ch in s {
                switch ch {
                case "|": out += "\\|"
                case "\n", "\r": out += " "
                default: out.append(ch)
                }
            }
            return out
        }
        var out = "### Dataset changes: `\(cell(c.base))` → `\(cell(c.head))`\n\n\(summary(c))\n"
        guard !c.changes.isEmpty else { return out }
        out += "\n| change | record | where | fields |\n|---|---|---|---|\n"
        for change in c.changes {
            var whereText = place(change.location)
            if change.kind == .moved, let old = change.oldLocation { whereText = "\(place(old)) → \(whereText)" }
            let fields = change.fields.map { "`\(cell(fieldText($0)))`" }.joined(separator: "<br>")
            out += "| \(change.kind.rawValue) | \(cell(name(change))) | \(cell(whereText)) | \(fields) |\n"
        }
        return out
    }
}
