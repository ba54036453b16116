import ConcordDiagnostics
import ConcordRules
import ConcordTestSupport
import ConcordYAML
import Foundation
import XCTest

/// Every rule id Concord emits is known to the registry, to `concord rules` and to `concord
/// explain`. The corpus: the fixture datasets with the shipped rules, and one input per
/// built-in check (so every built-in id is also shown to be produced by something).
final class RuleRegistryTests: XCTestCase {
    /// Inputs that make Concord emit each built-in id, run through the command line in gcc
    /// format: files of a fresh folder and the arguments after `check`.
    static let scenarios: [(files: [String: String], arguments: [String])] = [
        (["d/a.yaml": "a: [1\n"], ["d"]),
        (["d/a.yaml": "a: 1\na: 2\n"], ["d"]),
        (["d/a.yaml": "a: *nowhere\n"], ["d"]),
        (["d/a.yaml": String(repeating: "[", count: 600) + "\n"], ["d"]),
        (["d/a.yaml": "a: !!int x\n"], ["d"]),
        (["d/a.yaml": "a:\n  <<: 5\n"], ["d"]),
        (["d/a.yaml": "country: NO\n"], ["d"]),
        (["d/a.yaml": billionLaughs], ["d"]),
        (["d/a.yaml": "- 1\n"], ["d"]),
        (["d/a.yaml": "m: {x: 1}\n", "d/b.yaml": "m: {x: 2}\n"], ["d"]),
        (["d/a.yaml": "a: 1 # concord-ignore: yaml-syntax stale\n"], ["d"]),
        ([:], ["missing"]),
        (["d/a.yaml": "a: 1\n", "b.json": "not json"], ["d", "--baseline", "b.json"]),
        (["d/a.yaml": "a: 1\n"], ["d", "--changed-since", "HEAD"]),
        ([".concord.yaml": "datasets: [d]\nformt: gcc\n", "d/a.yaml": "a: 1\n"], []),
        ([".concord.yaml": "datasets: [d]\nrules: [r.yaml]\ncost-budget: 2\n", "d/a.yaml": "a: 1\n",
          "r.yaml": "rules:\n  - id: a\n    for: a\n    assert: self == 1\n"], []),
        ([".concord.yaml": "datasets: [{path: d, as: people}]\n", "d/a.yaml": "just text\n"], []),
        (["r.yaml": """
            rules:
              - id: a
                descripton: typo
                for: "coalitions[*"
                assert: self.x == (1
              - id: a
                for: coalitions[*]
                assert: nope(self)
                examples:
                  valid: ["key: [unclosed"]
              - id: b
                for: coalitions[*]
              - id: c
                for: coalitions[*]
                assert: 1
                severity: fatal
            """, "d/a.yaml": "a: 1\n"], ["d", "--rules", "r.yaml"]),
    ]

    static let billionLaughs: String = {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = Array("abcdefghi").map(String.init)
        for i in 1..<names.count {
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(names[i - 1])", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// The ids in gcc lines (`path:line:col: severity: message [rule-id]`).
    static func ids(inGCC text: String) -> Set<String> {
        var ids = Set<String>()
        for line in text.split(separator: "\n") where line.hasSuffix("]") {
            guard let open = line.lastIndex(of: "[") else { continue }
            ids.insert(String(line[line.index(after: open)..<line.index(before: line.endIndex)]))
        }
        return ids
    }

    func produced() throws -> Set<String> {
        var ids = Set<String>()
        for scenario in Self.scenarios {
            let dir = try CLIRunner.folder(scenario.files)
            let run = try CLIRunner.run(["check", "--format", "gcc"] + scenario.arguments, in: dir)
            ids.formUnion(Self.ids(inGCC: run.stdout + "\n" + run.stderr))
        }
        // Invalid UTF-8 and an unreadable path need bytes and paths a text folder cannot hold.
        ids.formUnion(YAMLLoader().load(bytes: [0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A], file: "x.yaml").diagnostics.map(\.ruleID))
        ids.formUnion(YAMLLoader().load(path: "/nonexistent/concord/x.yaml").diagnostics.map(\.ruleID))
        // A link loop needs a link.
        let loop = try CLIRunner.folder(["d/a.yaml": "a: 1\n"])
        try FileManager.default.createSymbolicLink(atPath: loop.path + "/d/loop", withDestinationPath: ".")
        ids.formUnion(try YAMLFileFinder.find([loop.path + "/d"]).get().diagnostics.map(\.ruleID))
        // The fixtures with the shipped rules and the extra rule pack.
        let rules = [CLIRunner.packageRoot.appendingPathComponent("Rules").path,
                     CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/rules").path]
        for name in try FixtureOverlay.names() {
            let request = CheckRequest(paths: [try FixtureOverlay.materialise(name).path], rulePaths: rules)
            ids.formUnion(CheckSession.run(request).report.diagnostics.map(\.ruleID))
        }
        return ids
    }

    func testEveryProducedIDIsKnownAndEveryBuiltInIDIsProduced() throws {
        let produced = try produced()
        let (ruleSet, problems) = RuleFileLoader().load(paths: [CLIRunner.packageRoot.appendingPathComponent("Rules").path])
        XCTAssertEqual(problems.filter { $0.severity == .error }, [])
        let registry = RuleRegistry(rules: ruleSet)
        let known = Set(registry.allIDs)
        let extra = Set(RuleFileLoader().load(paths: [CLIRunner.packageRoot.appendingPathComponent("Tests/Fixtures/rules").path]).0.descriptors.map(\.id))
        XCTAssertEqual(produced.subtracting(known).subtracting(extra), [], "ids emitted but not in the registry")
        XCTAssertEqual(Set(RuleRegistry.builtIn.map(\.id)).subtracting(produced), [], "built-in ids no input produces")

        let listing = try CLIRunner.run(["rules"], in: CLIRunner.packageRoot)
        XCTAssertEqual(listing.status, 0)
        let listed = Set(listing.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        for id in produced.intersection(known) {
            XCTAssertTrue(listed.contains(id), "`concord rules` lists \(id)")
            let explain = try CLIRunner.run(["explain", id], in: CLIRunner.packageRoot)
            XCTAssertEqual(explain.status, 0, "`concord explain \(id)`: \(explain.stderr)")
            XCTAssertTrue(explain.stdout.hasPrefix(id + " ("), explain.stdout)
        }
    }

    /// docs/checks.md lists every built-in check, as the registry declares it.
    func testTheChecksPageIsTheRegistrys() {
        let page = BuiltInChecksPage.markdown()
        for d in RuleRegistry.builtIn { XCTAssertTrue(page.contains("\n## \(d.id)\n"), d.id) }
        if let problem = GoldenFile.mismatch(page, expectedAt: TestPaths.packageRoot.appendingPathComponent(BuiltInChecksPage.path)) {
            XCTFail(problem)
        }
    }

    func testBuiltInIDsAreUniqueKebabCaseWithDescriptions() {
        let ids = RuleRegistry.builtIn.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "no id declared twice")
        for d in RuleRegistry.builtIn {
            XCTAssertNotNil(d.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), d.id)
            XCTAssertFalse(d.shortDescription.isEmpty, d.id)
        }
    }

    func testADescriptorMakesDiagnosticsWithItsOwnSeverity() {
        let d = GateRules.unusedSuppression.diagnostic(at: SourceLocation(file: "a.yaml"), message: "m")
        XCTAssertEqual(d.ruleID, "unused-suppression")
        XCTAssertEqual(d.severity, .warning)
        XCTAssertEqual(LoaderRules.duplicateKey.diagnostic(at: SourceLocation(file: "a.yaml"), message: "m").help,
                       "Remove or rename one of the two keys.")
    }
}
