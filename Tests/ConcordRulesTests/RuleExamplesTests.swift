import ConcordDiagnostics
import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordRules

/// Runs every example of every rule and shape in `Rules/` and in the test fixtures, as
/// SwiftLint runs its rules' triggering and non-triggering examples: a valid example gives no
/// diagnostic of its rule, an invalid one gives one at each `↓` marker.
final class RuleExamplesTests: XCTestCase {
    static let packageRoot = TestPaths.packageRoot

    func ruleFolders() -> [String] {
        let fm = FileManager.default
        var folders = [Self.packageRoot.appendingPathComponent("Rules").path]
        let fixtures = Self.packageRoot.appendingPathComponent("Tests/Fixtures/rules")
        if fm.fileExists(atPath: fixtures.path) { folders.append(fixtures.path) }
        // The example projects' rule packs (examples/*/rules).
        let examples = Self.packageRoot.appendingPathComponent("examples")
        for project in (try? fm.contentsOfDirectory(atPath: examples.path))?.sorted() ?? [] {
            let rules = examples.appendingPathComponent(project).appendingPathComponent("rules")
            if fm.fileExists(atPath: rules.path) { folders.append(rules.path) }
        }
        return folders
    }

    func testEveryRuleExample() throws {
        var total = 0
        for folder in ruleFolders() {
            let (set, diagnostics) = RuleFileLoader().load(paths: [folder])
            XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), [], "rule files in \(folder) load cleanly")
            let outcomes = ExampleRunner(rules: set).run()
            total += outcomes.count
            for outcome in outcomes where outcome.problem != nil {
                XCTFail(outcome.description + "\n" + outcome.example)
            }
        }
        print("rule examples: \(total) run")
    }

    func testEveryShippedRuleHasFailingAndPassingExamples() throws {
        let (set, _) = RuleFileLoader().load(paths: [Self.packageRoot.appendingPathComponent("Rules").path])
        for rule in set.rules {
            XCTAssertFalse(rule.validExamples.isEmpty, "\(rule.id) has no valid example")
            XCTAssertFalse(rule.invalidExamples.isEmpty, "\(rule.id) has no invalid example")
        }
        for shape in set.shapes {
            XCTAssertFalse(shape.validExamples.isEmpty, "\(shape.id) has no valid example")
            XCTAssertFalse(shape.invalidExamples.isEmpty, "\(shape.id) has no invalid example")
        }
    }
}

extension RuleExamplesTests {
    /// Every shipped fix is proven by an example: a rule with `fix:` has an invalid example
    /// with `fixed:` (which `testEveryRuleExample` checks).
    func testEveryShippedFixHasAFixedExample() throws {
        let (set, _) = RuleFileLoader().load(paths: [Self.packageRoot.appendingPathComponent("Rules").path])
        let fixing = set.rules.filter { $0.fix != nil }
        XCTAssertGreaterThanOrEqual(fixing.count, 6, "the rule pack declares fixes")
        for rule in fixing {
            XCTAssertTrue(rule.invalidExamples.contains { $0.fixed != nil }, "\(rule.id) has a fix but no `fixed:` example")
        }
        // Closed shapes fix unknown keys (rename to the suggestion): proven on at least one.
        XCTAssertTrue(set.shapes.contains { $0.invalidExamples.contains { $0.fixed != nil } })
    }
}
