import ConcordDiagnostics
import ConcordTestSupport
import ConcordYAML
import Foundation
import XCTest
@testable import ConcordRules

/// Helpers: rule files and datasets from text, diagnostics as compact strings.
enum RuleTestSupport {
    static func rules(_ text: String, file: String = "rules.yaml") -> (RuleSet, [Diagnostic]) {
        RuleFileLoader().load(texts: [(file, text)])
    }

    static func dataset(_ files: [(String, String)]) -> Dataset {
        var dataset = Dataset()
        let loader = YAMLLoader()
        for (name, text) in files {
            for document in loader.load(text: text, file: name).documents { dataset.add(document) }
        }
        return dataset
    }

    /// Runs `rulesText` over the dataset files; fails the test if the rules do not load.
    static func check(_ rulesText: String, _ files: [(String, String)], file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        let (set, problems) = rules(rulesText)
        XCTAssertEqual(problems.map(\.message), [], "rules load", file: file, line: line)
        let dataset = dataset(files)
        return (dataset.diagnostics + RuleEngine(rules: set).check(dataset)).sorted(by: Diagnostic.reportOrder)
    }

    /// A fresh temporary folder holding `files` (path → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        try TestPaths.folder(holding: files, prefix: "concord-rules")
    }

    /// "file:line:col-line:col rule-id: message"
    static func render(_ d: Diagnostic) -> String { DiagnosticText.compact(d) }

    static func renderRelated(_ d: Diagnostic) -> [String] {
        d.related.map { r in
            let s = r.location.range.map { "\($0.start.line):\($0.start.column)" } ?? "-"
            return "\(r.location.file):\(s) \(r.message)"
        }
    }
}
