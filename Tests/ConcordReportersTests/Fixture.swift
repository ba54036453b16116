import ConcordDiagnostics
import ConcordReporters

/// The fixed report behind the golden files: two files (one given as an absolute path under the
/// current directory, one relative), every severity, a multi-line range, a span after non-ASCII
/// characters, a tab, related locations (same file, other file, outside the current directory,
/// with no source), help, a whole-file diagnostic, document numbers, fingerprints, and messages
/// holding `%`, `:`, `,` and a newline.
enum Fixture {
    static let currentDirectory = "/repo"
    static let citiesPath = "/repo/data/cities.yaml"
    static let countriesPath = "data/countries.yaml"

    static let cities = """
    - id: PAR
      name: "Paris"
      population: 2148000
    - id: IDF
      name: "Île-de-France → Kyïv"
      tags: [a,\tb]
    - id: PAR
      name: "Paris again"
      coords:
        lat: 148.85
        lon: 2.35

    """

    static let countries = """
    ---
    code: FR
    name: France
    ---
    code: UA
    name: Ukraine
    capital: Kyiv

    """

    /// The position of `line:column` in `text` (column in Unicode scalars), with its byte offset.
    static func position(_ text: String, _ line: Int, _ column: Int) -> SourcePosition {
        var offset = 0, currentLine = 1, currentColumn = 1
        for scalar in text.unicodeScalars {
            if currentLine == line && currentColumn == column { break }
            offset += String(scalar).utf8.count
            if scalar == "\n" { currentLine += 1; currentColumn = 1 } else { currentColumn += 1 }
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }

    static func range(_ text: String, _ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> SourceRange {
        SourceRange(start: position(text, l1, c1), end: position(text, l2, c2))
    }

    static let rules: [RuleDescriptor] = [
        RuleDescriptor(id: "unique-id", shortDescription: "Record ids are unique.",
                       fullDescription: "Every record's `id` must be unique across the dataset.",
                       defaultSeverity: .error, help: "Rename one of the records."),
        RuleDescriptor(id: "name-script", shortDescription: "Names use one script.", defaultSeverity: .warning),
        RuleDescriptor(id: "coords-range", shortDescription: "Coordinates are in range.",
                       defaultSeverity: .error),
        RuleDescriptor(id: "no-tabs", shortDescription: "No tabs in flow sequences.", defaultSeverity: .info),
    ]

    static var report: Report {
        let diagnostics: [Diagnostic] = [
            Diagnostic(
                ruleID: "unique-id", severity: .error, message: "duplicate id \"PAR\"",
                location: SourceLocation(file: citiesPath, range: range(cities, 7, 7, 7, 10)),
                related: [RelatedLocation(location: SourceLocation(file: citiesPath, range: range(cities, 1, 7, 1, 10)),
                                          message: "first defined here")],
                help: "ids must be unique across the dataset",
                fingerprint: "unique-id/PAR"),
            Diagnostic(
                ruleID: "name-script", severity: .warning,
                message: "name mixes scripts: Latin, Cyrillic (100% sure)\nuse one script per name",
                location: SourceLocation(file: citiesPath, range: range(cities, 5, 26, 5, 30)),
                fingerprint: "name-script/IDF"),
            Diagnostic(
                ruleID: "coords-range", severity: .error,
                message: "latitude 148.85 is outside -90...90",
                location: SourceLocation(file: citiesPath, range: range(cities, 9, 3, 11, 14)),
                help: "latitude comes first: lat, lon"),
            Diagnostic(
                ruleID: "no-tabs", severity: .info, message: "tab before a flow item",
                location: SourceLocation(file: citiesPath, range: range(cities, 6, 12, 6, 14))),
            Diagnostic(
                ruleID: "schema-header", severity: .warning, message: "file has no `# schema:` header",
                location: SourceLocation(file: countriesPath)),
            Diagnostic(
                ruleID: "capital-known", severity: .error,
                message: "capital \"Kyiv\" is not in the list, spelled <Kyiv> & 'Kyiv'",
                location: SourceLocation(file: countriesPath, range: range(countries, 7, 10, 7, 14), document: 2),
                related: [
                    RelatedLocation(location: SourceLocation(file: citiesPath, range: range(cities, 5, 26, 5, 30)),
                                    message: "spelled \"Kyïv\" here"),
                    RelatedLocation(location: SourceLocation(
                        file: "/elsewhere/shared/capitals.yaml",
                        range: SourceRange(start: SourcePosition(line: 3, column: 3, offset: 20),
                                           end: SourcePosition(line: 3, column: 9, offset: 26))),
                                    message: "the list of capitals"),
                ],
                fingerprint: "capital-known/UA"),
        ]
        return Report(
            diagnostics: diagnostics,
            rules: rules,
            statistics: Report.Statistics(files: 3, records: 120, rules: 14, seconds: 0.1234),
            sources: [citiesPath: cities, countriesPath: countries],
            toolVersion: "0.1.0")
    }

    static var options: ReporterOptions {
        ReporterOptions(color: false, currentDirectory: currentDirectory)
    }

    static var emptyReport: Report {
        Report(diagnostics: [], rules: rules,
               statistics: Report.Statistics(files: 3, records: 120, rules: 14, seconds: nil),
               toolVersion: "0.1.0")
    }
}
