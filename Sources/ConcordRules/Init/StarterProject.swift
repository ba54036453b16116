/// The files `concord init` writes for a surveyed folder: a `.concord.yaml` that mounts what
/// was found, and a starter rule file with one commented example rule per mounted list.
public struct StarterProject: Sendable {
    public let survey: DatasetSurvey
    /// The rule folder named in the configuration (relative to its folder).
    public static let ruleFolder = "rules"
    public static let ruleFile = "rules/starter.yaml"

    public init(survey: DatasetSurvey) {
        self.survey = survey
    }

    /// The number of commented rules in `rules`.
    public var starterRuleCount: Int { lists.count }

    /// The mounted lists (the ones that get a starter rule).
    var lists: [DatasetSurvey.Entry] {
        survey.entries.filter { $0.mount.key != nil && $0.mount.kind == .list }
    }

    public var configuration: String {
        var out = """
            # Written by `concord init`. Each entry of `datasets:` is a path whose documents are mappings
            # of top-level keys, or a mount {path, as, kind} that places files at one top-level key:
            # kind list (the default): a root list's items, or a root mapping as one record, join list `as`;
            # kind map: a root mapping's entries join map `as`. See docs/configuration.md.
            datasets:

            """
        for entry in survey.entries {
            let path = Self.quoted(entry.mount.path)
            let line: String
            if let key = entry.mount.key {
                line = "  - {path: \(path), as: \(key)" + (entry.mount.kind == .map ? ", kind: map}" : "}")
            } else {
                line = "  - \(path)"
            }
            out += line + String(repeating: " ", count: max(1, 64 - line.count)) + "# " + entry.found + "\n"
        }
        if survey.entries.isEmpty { out = out.replacingOccurrences(of: "datasets:\n", with: "datasets: []\n") }
        out += "rules: [\(Self.ruleFolder)]\n"
        return out
    }

    public var rules: String {
        var out = """
            # Starter rules written by `concord init`: one example rule per mounted list, commented out.
            # To use one, remove the `[]` after `rules:` and the `# ` before each line of the rule, adapt
            # it, then run `concord test` (the rule's examples) and `concord check` (the data).
            # The rule language: docs/rules.md.
            rules: []

            """
        for entry in lists {
            out += "\n" + Self.commented(rule(for: entry))
        }
        return out
    }

    /// A rule for a list: `unique` on a field every record has with distinct values, else `has`
    /// of the field most records have, else a non-null check.
    func rule(for entry: DatasetSurvey.Entry) -> String {
        let key = entry.mount.key ?? "records"
        let records = entry.records
        var counts: [String: Int] = [:]
        for record in records { for field in record.keys { counts[field, default: 0] += 1 } }
        let preferred = ["id", "key", "slug", "code", "name"]
        let ranked = counts.keys.sorted { a, b in
            let (ia, ib) = (preferred.firstIndex(of: a) ?? preferred.count, preferred.firstIndex(of: b) ?? preferred.count)
            if counts[a] != counts[b] { return counts[a, default: 0] > counts[b, default: 0] }
            return ia != ib ? ia < ib : a < b
        }
        let field = ranked.first { f in
            let values = records.compactMap { $0[f] }
            return values.count == records.count && !values.contains("") && Set(values).count == values.count
        }
        if let field, Self.isIdentifier(field) {
            return """
                - id: \(Self.ruleID(key))-\(Self.ruleID(field))-unique
                  description: Every record of `\(key)` has its own `\(field)`.
                  for: \(key)[*]
                  when: has(self.\(field))
                  unique: self.\(field)
                  message: "\(field) {{key}} is used by two records of \(key)"
                  examples:
                    valid:
                      - |
                        \(key):
                          - {\(field): a}
                          - {\(field): b}
                    invalid:
                      - |
                        \(key):
                          - {\(field): a}
                          - {\(field): ↓a}

                """
        }
        if let field = ranked.first, Self.isIdentifier(field) {
            return """
                - id: \(Self.ruleID(key))-have-\(Self.ruleID(field))
                  description: Every record of `\(key)` has `\(field)`.
                  for: \(key)[*]
                  assert: has(self.\(field))
                  message: "a record of \(key) has no \(field)"
                  examples:
                    valid:
                      - |
                        \(key):
                          - {\(field): a}
                    invalid:
                      - |
                        \(key):
                          - ↓{other: a}

                """
        }
        return """
            - id: \(Self.ruleID(key))-not-null
              description: No item of `\(key)` is empty.
              for: \(key)[*]
              assert: self != null
              message: "item {{selfKey}} of \(key) is empty"
              examples:
                valid:
                  - |
                    \(key): [a, b]
                invalid:
                  - |
                    \(key): [a, ↓null]

            """
    }

    static func commented(_ rule: String) -> String {
        rule.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "# " + $0 }.joined(separator: "\n") + "\n"
    }

    /// A kebab-case piece of a rule id.
    static func ruleID(_ name: String) -> String {
        let lowered = name.lowercased().unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" }
        let joined = String(lowered).split(separator: "-").joined(separator: "-")
        guard let first = joined.unicodeScalars.first else { return "records" }
        return ("a"..."z").contains(first) ? joined : "r-" + joined
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A path as a YAML plain or double-quoted scalar.
    static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-".unicodeScalars.contains($0) }
        if plain { return path }
        return "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
