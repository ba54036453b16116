import ConcordCEL
import ConcordDiagnostics
@testable import ConcordRules
import ConcordTestSupport
import Foundation
import XCTest

/// The language server's live check re-checks only what an edit can change (`LivePlan`): after
/// every edit its diagnostics must equal those of a whole `concord check` of the same text.
final class LiveCheckTests: XCTestCase {
    /// A copy of the shipped project (rules and dataset) in a temporary folder.
    private func shippedProject() throws -> String {
        let dir = try TestPaths.temporaryFolder("concord-live")
        for folder in ["Rules", "Datasets"] {
            try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        return dir.path
    }

    /// What a whole check of the files on disk reports, rendered one line each.
    private func wholeCheck(_ root: String, _ live: LiveCheck) -> [String] {
        var request = CheckRequest(paths: live.datasetRoots, rulePaths: live.ruleRoots)
        request.currentDirectory = root
        request.configuration = live.configuration
        let report = CheckSession.run(request).report
        return report.diagnostics.map { Self.render($0, root) }.sorted()
    }

    private func liveRun(_ root: String, _ live: inout LiveCheck) -> [String] {
        live.run().values.flatMap { $0 }.map { Self.render($0, root) }.sorted()
    }

    static func render(_ d: Diagnostic, _ root: String) -> String {
        DiagnosticText.gcc(d, relativeTo: root)
    }

    /// One edit: a file's new text (written to disk and given to the live check as the text of
    /// an open document), or its removal.
    private func apply(_ root: String, _ path: String, _ edit: (String) -> String?, _ live: inout LiveCheck) throws {
        let absolute = root + "/" + path
        let old = (try? String(contentsOfFile: absolute, encoding: .utf8)) ?? ""
        if let text = edit(old) {
            try FileManager.default.createDirectory(atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: absolute))
            live.setText(text, of: absolute)
        } else {
            try FileManager.default.removeItem(atPath: absolute)
            live.setText(nil, of: absolute)
        }
    }

    func testEveryEditGivesTheDiagnosticsOfAWholeCheck() throws {
        let root = try shippedProject()
        var live = LiveCheck(folder: root)
        XCTAssertEqual(liveRun(root, &live), wholeCheck(root, live), "first run")
        let pledges2024 = "Datasets/pledges/2024.yaml", pledges2023 = "Datasets/pledges/2023.yaml"
        let coalition = "Datasets/coalitions/it-coalition.yaml", rates = "Datasets/reference/ecb-rates.yaml"
        func replacing(_ a: String, _ b: String) -> (String) -> String? {
            { text in
                guard let range = text.range(of: a) else { XCTFail("no `\(a)`"); return text }
                return text.replacingCharacters(in: range, with: b)
            }
        }
        let firstPledgeID = try XCTUnwrap(
            try String(contentsOfFile: root + "/" + pledges2024, encoding: .utf8)
                .components(separatedBy: "\n").first { $0.hasPrefix("  - id: ") }?.dropFirst(8))
        // Each edit, and a rule whose finding it brings (nil: the data is clean again).
        let edits: [(String, String, (String) -> String?, String?)] = [
            ("a pledge names no coalition", pledges2024, replacing("coalition: it-coalition", "coalition: it-coalitio"), "pledge-coalition-exists"),
            ("it names it again", pledges2024, replacing("coalition: it-coalitio\n", "coalition: it-coalition\n"), nil),
            ("a pledge id used in another file", pledges2023, replacing("  - id: ", "  - id: \(firstPledgeID)\n    notes: was "), "pledge-ids-unique"),
            ("a pledge id twice in its own file", pledges2024, replacing("  - id: nl-it-coalition-2024-01", "  - id: \(firstPledgeID)"), "pledge-ids-unique"),
            ("and once again", pledges2024, replacing("  - id: \(firstPledgeID)\n    donor: \"NL\"", "  - id: nl-it-coalition-2024-01\n    donor: \"NL\""), "pledge-ids-unique"),
            ("a negative amount", pledges2024, replacing("{value: 10000000,", "{value: -10000000,"), "amount-value-positive"),
            ("a member dropped", coalition, replacing("      - {country: \"DK\", joined: \"2023-09-19\"}\n", ""), "donor-is-coalition-member"),
            ("the coalition renamed: its pledges lose it", coalition, replacing("  - id: it-coalition", "  - id: it-coalition-2"), "pledge-coalition-exists"),
            ("a rate removed", rates, replacing("  - date:", "  - dat:"), "amount-eur-has-rate"),
            ("a new file with a duplicate coalition", "Datasets/coalitions/zz-copy.yaml",
             { _ in (try? String(contentsOfFile: root + "/" + coalition, encoding: .utf8)) ?? "" }, "coalition-ids-unique"),
            ("the coalition named again", coalition, replacing("  - id: it-coalition-2", "  - id: it-coalition"), nil),
            ("the copy removed", "Datasets/coalitions/zz-copy.yaml", { _ in nil }, nil),
            ("the first pledge id restored", pledges2023, replacing("  - id: \(firstPledgeID)\n    notes: was ", "  - id: "), nil),
            ("pledges moved under another key", pledges2023, replacing("pledges:", "pledge_list:"), nil),
            ("and back", pledges2023, replacing("pledge_list:", "pledges:"), nil),
        ]
        for (name, path, edit, expected) in edits {
            try apply(root, path, edit, &live)
            let found = liveRun(root, &live)
            XCTAssertEqual(found, wholeCheck(root, live), name)
            if let expected { XCTAssertTrue(found.contains { $0.contains("[\(expected)]") }, "\(name): no \(expected) in \(found)") }
        }
    }

    func testAHalfTypedFileKeepsItsRecordsForTheOthers() throws {
        let root = try shippedProject()
        var live = LiveCheck(folder: root)
        let before = live.run()
        let coalition = root + "/Datasets/coalitions/it-coalition.yaml"
        let text = try String(contentsOfFile: coalition, encoding: .utf8)
        live.setText(text + "\n  - id: [unclosed\n", of: coalition)
        let after = live.run()
        XCTAssertEqual(after[coalition]?.map(\.ruleID), ["yaml-syntax"])
        for (file, diagnostics) in after where file != coalition {
            XCTAssertEqual(diagnostics.map { Self.render($0, root) }, before[file]?.map { Self.render($0, root) } ?? [], file)
        }
        live.setText(text, of: coalition)
        XCTAssertEqual(live.run().mapValues { $0.map { Self.render($0, root) } }, before.mapValues { $0.map { Self.render($0, root) } })
    }

    func testShippedRulesAreReCheckedByWhatTheyRead() throws {
        let (set, diagnostics) = RuleFileLoader().load(paths: [TestPaths.rules.path])
        XCTAssertFalse(diagnostics.contains { $0.severity == .error })
        let plan = LivePlan(set)
        func group(of id: String) -> LivePlan.Group? { plan.groups.first { $0.rules.rules.contains { $0.id == id } } }
        XCTAssertEqual(group(of: "amount-has-currency")?.reads, DatasetReads.none, "reads only the pledge")
        XCTAssertEqual(group(of: "pledge-ids-unique")?.reads, DatasetReads.none, "a unique key of the pledge itself")
        XCTAssertEqual(group(of: "pledge-coalition-exists")?.reads.keys, ["coalitions"], "references coalitions")
        XCTAssertEqual(group(of: "donor-is-coalition-member")?.reads.keys, ["coalitions"], "through coalitionsById")
        XCTAssertEqual(group(of: "amount-eur-has-rate")?.reads.keys, ["rates"], "through knownRates")
        XCTAssertEqual(group(of: "amount-eur-has-rate")?.rules.variables.map(\.name), ["knownRates"], "only the variables it uses")
        let grouped = plan.groups.reduce(0) { $0 + $1.rules.count }
        XCTAssertEqual(grouped + plan.whole.count, set.count)
        XCTAssertEqual(plan.whole.variables.count, set.variables.count)
        XCTAssertEqual(plan.groups.first { $0.reads == .none }?.rules.shapes.count, set.shapes.count, "shapes judge one record")
    }

    func testReadsOfAnExpression() throws {
        func reads(_ source: String, variables: [String: DatasetReads] = [:]) throws -> DatasetReads {
            try ConcordCEL.Expression(parsing: source).root.datasetReads(variables: variables)
        }
        XCTAssertEqual(try reads("self.a == 1"), .none)
        XCTAssertEqual(try reads("has(dataset.rates) && dataset.coalitions.size() > 0").keys, ["rates", "coalitions"])
        XCTAssertEqual(try reads("dataset['pledges'].size() > 0").keys, ["pledges"])
        XCTAssertTrue(try reads("dataset[self.kind].size() > 0").everything)
        XCTAssertTrue(try reads("dataset.all(k, k != '')").everything)
        XCTAssertEqual(try reads("byId[self.id] != null", variables: ["byId": DatasetReads(keys: ["coalitions"])]).keys, ["coalitions"])
    }
}
