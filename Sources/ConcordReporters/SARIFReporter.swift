import ConcordDiagnostics
import ConcordSupport

/// SARIF 2.1.0 (OASIS), as read by GitHub code scanning and SARIF viewers.
///
/// One run; `tool.driver.rules` lists `Report.rules` (first descriptor per id wins) followed by
/// the rule ids seen in diagnostics without a descriptor, sorted. Columns count Unicode scalars
/// (`columnKind: "unicodeCodePoints"`); `endColumn` is exclusive as SARIF defines it. Paths
/// relative to the current directory use `uriBaseId: "%SRCROOT%"`; other absolute paths become
/// `file://` URIs.
public struct SARIFReporter: Reporter {
    public static let format = OutputFormat.sarif
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key under `partialFingerprints`.
    public static let fingerprintKey = "concordFingerprint/v1"
    static let baseID = "%SRCROOT%"

    public init() {}

    public func write<Out: ReportStream>(_ report: Report, options: ReporterOptions, to out: inout Out) {
        // Rule table.
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for descriptor in report.rules where ruleIndex[descriptor.id] == nil {
            ruleIndex[descriptor.id] = rules.count
            rules.append(SARIFReporter.rule(descriptor))
        }
        let undeclared = Set(report.diagnostics.map(\.ruleID)).subtracting(ruleIndex.keys).sorted()
        for id in undeclared {
            ruleIndex[id] = rules.count
            rules.append(.object([("id", .string(id))]))
        }

        var driver: [(String, JSONValue)] = [("name", .string("concord"))]
        if let uri = options.informationURI { driver.append(("informationUri", .string(uri))) }
        driver.append(("version", .string(report.toolVersion)))
        driver.append(("semanticVersion", .string(report.toolVersion)))
        driver.append(("rules", .array(rules)))

        var run: [(String, JSONValue)] = [("tool", .object([("driver", .object(driver))]))]
        if let cwd = options.currentDirectory, Paths.isAbsolute(cwd) {
            let uri = Paths.fileURI(cwd.hasSuffix("/") ? cwd : cwd + "/")
            run.append(("originalUriBaseIds", .object([(SARIFReporter.baseID, .object([("uri", .string(uri))]))])))
        }
        run.append(("columnKind", .string("unicodeCodePoints")))
        run.append(("results", .elements(count: report.diagnostics.count) { i in
            let d = report.diagnostics[i]
            return result(d, ruleIndex: ruleIndex[d.ruleID] ?? 0, options: options)
        }))

        let root: JSONValue = .object([
            ("$schema", .string(SARIFReporter.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
        root.write(to: &out)
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    private static func rule(_ r: RuleDescriptor) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(r.id)),
            ("shortDescription", .object([("text", .string(r.shortDescription))])),
            ("fullDescription", .object([("text", .string(r.fullDescription))])),
            ("defaultConfiguration", .object([("level", .string(level(r.defaultSeverity)))])),
        ]
        if let help = r.help { members.append(("help", .object([("text", .string(help))]))) }
        return .object(members)
    }

    private func result(_ d: Diagnostic, ruleIndex: Int, options: ReporterOptions) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(d.ruleID)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(SARIFReporter.level(d.severity))),
            ("message", .object([("text", .string(d.message))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(d.location, options))])])),
        ]
        if !d.related.isEmpty {
            members.append(("relatedLocations", .array(d.related.enumerated().map { i, r in
                .object([
                    ("id", .int(i + 1)),
                    ("physicalLocation", physicalLocation(r.location, options)),
                    ("message", .object([("text", .string(r.message))])),
                ])
            })))
        }
        if let fingerprint = d.fingerprint {
            members.append(("partialFingerprints", .object([(SARIFReporter.fingerprintKey, .string(fingerprint))])))
        }
        if !d.fixes.isEmpty {
            members.append(("fixes", .array(d.fixes.map { fix(fix: $0, options: options) })))
        }
        var properties: [(String, JSONValue)] = []
        if let document = d.location.document { properties.append(("document", .int(document))) }
        if let help = d.help { properties.append(("help", .string(help))) }
        if !properties.isEmpty { members.append(("properties", .object(properties))) }
        return .object(members)
    }

    /// A fix: its description and, per file, the replacements (`deletedRegion` in the
    /// original text, `insertedContent`); an insertion deletes an empty region.
    private func fix(fix: Fix, options: ReporterOptions) -> JSONValue {
        .object([
            ("description", .object([("text", .string(fix.description))])),
            ("artifactChanges", .array(fix.files.map { file in
                .object([
                    ("artifactLocation", artifactLocation(file, options)),
                    ("replacements", .array(fix.edits.filter { $0.file == file }.map { edit in
                        .object([
                            ("deletedRegion", region(edit.range)),
                            ("insertedContent", .object([("text", .string(edit.newText))])),
                        ])
                    })),
                ])
            })),
        ])
    }

    private func region(_ range: SourceRange) -> JSONValue {
        let c = Coordinates.clamped(range)
        return .object([
            ("startLine", .int(c.start.line)),
            ("startColumn", .int(c.start.column)),
            ("endLine", .int(c.end.line)),
            ("endColumn", .int(c.end.column)),
        ])
    }

    private func artifactLocation(_ file: String, _ options: ReporterOptions) -> JSONValue {
        let path = RelativePath.display(file, under: options.currentDirectory)
        if Paths.isAbsolute(path) { return .object([("uri", .string(Paths.fileURI(path)))]) }
        return .object([("uri", .string(Paths.uriEncode(path))), ("uriBaseId", .string(SARIFReporter.baseID))])
    }

    private func physicalLocation(_ location: SourceLocation, _ options: ReporterOptions) -> JSONValue {
        var members: [(String, JSONValue)] = [("artifactLocation", artifactLocation(location.file, options))]
        if let range = location.range { members.append(("region", region(range))) }
        return .object(members)
    }
}
