import Foundation
import XCTest

/// A pull request as a change, end to end in a real git repository: transition rules with
/// `--changed-since`/`--base`, ratcheting, and `concord diff`.
final class TransitionCommandTests: XCTestCase {
    /// The record the diff test moves to another file.
    static let nlRecord = """
          - id: nl-it
            coalition: it
            amount: {value: 10000000, currency: EUR}
            announced: "2024-01-23"
            sources:
              - {url: "https://example.org/nl", title: NL joins}

        """
    static let pledges = "pledges:\n" + nlRecord + """
          - id: ee-it
            coalition: it
            amount: {value: -500000, currency: EUR}
            sources:
              - {url: "https://example.org/ee", title: EE leads}

        """
    static let coalitions = "coalitions:\n  - {id: it, members: [EE, LU, NL]}\n"
    static let positive = """
        rules:
          - id: amount-positive
            for: pledges[*]
            when: has(self.amount)
            assert: self.amount.value > 0
            message: "amount of {{self.id}} is not positive"

        """

    /// A repository whose first commit holds the shipped transition rules and a small dataset.
    private func repository(extraRules: String = positive, config: String? = nil) throws -> URL {
        let transitions = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Rules/transitions.yaml"), encoding: .utf8)
        var files = ["Rules/transitions.yaml": transitions, "Rules/extra.yaml": extraRules,
                     "Datasets/pledges.yaml": Self.pledges, "Datasets/coalitions.yaml": Self.coalitions]
        if let config { files[".concord.yaml"] = config }
        let dir = try CLIRunner.folder(files)
        try CLIRunner.git("init", "-q", in: dir)
        try CLIRunner.git("add", ".", in: dir)
        try CLIRunner.git("commit", "-qm", "base", in: dir)
        return dir
    }

    private func edit(_ dir: URL, _ path: String, _ old: String, _ new: String) throws {
        let url = dir.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) holds \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    private func lines(_ run: CLIRunner.Run, rule: String) -> [String] {
        run.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix("[\(rule)]") }
    }

    func testAnAmountEditedWithoutItsSourceFailsAtTheAmountWithTheOldValue() throws {
        let dir = try repository()
        try edit(dir, "Datasets/pledges.yaml", "{value: 10000000, currency: EUR}", "{value: 12000000, currency: EUR}")
        let run = try CLIRunner.run(["check", "--format", "gcc", "--changed-since", "HEAD"], in: dir)
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertEqual(lines(run, rule: "pledge-amount-change-sourced"), [
            "Datasets/pledges.yaml:4:13: error: the amount of pledge nl-it changed from 10000000 EUR to 12000000 EUR without a new or changed source [pledge-amount-change-sourced]",
        ])
        // The untouched record's violation is not on a changed line.
        XCTAssertEqual(lines(run, rule: "amount-positive"), [])
    }

    func testAnAmountEditedTogetherWithItsSourcePasses() throws {
        let dir = try repository()
        try edit(dir, "Datasets/pledges.yaml", "{value: 10000000, currency: EUR}", "{value: 12000000, currency: EUR}")
        try edit(dir, "Datasets/pledges.yaml", "https://example.org/nl", "https://example.org/nl-corrected")
        let run = try CLIRunner.run(["check", "--format", "gcc", "--changed-since", "HEAD"], in: dir)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    }

    func testRatchetLetsAnOldViolationOnAnUntouchedRecordPass() throws {
        let dir = try repository(config: "ratchet: true\n")
        try edit(dir, "Datasets/pledges.yaml", "title: NL joins", "title: The Netherlands joins")
        let strict = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(strict.status, 1, "without a base the old violation fails")
        let run = try CLIRunner.run(["check", "--format", "gcc", "--base", "HEAD"], in: dir)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(lines(run, rule: "amount-positive"), [
            "Datasets/pledges.yaml:10:21: note: amount of ee-it is not positive (present at HEAD) [amount-positive]",
        ])
        // Touching the record makes its violation count again.
        try edit(dir, "Datasets/pledges.yaml", "title: EE leads", "title: Estonia leads")
        let touched = try CLIRunner.run(["check", "--format", "gcc", "--base", "HEAD"], in: dir)
        XCTAssertEqual(touched.status, 1, touched.stdout)
        let bare = try CLIRunner.run(["check", "--ratchet"], in: dir)
        XCTAssertEqual(bare.status, 2, "--ratchet needs a base")
        let unknown = try CLIRunner.run(["check", "--base", "no-such-ref"], in: dir)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stdout.contains("git does not know the revision `no-such-ref` [git-unavailable]"), unknown.stdout)
    }

    func testDiffListsRecordsAddedRemovedModifiedAndMovedAcrossRenamedFilesAndIds() throws {
        let dir = try repository()
        try CLIRunner.git("mv", "Datasets/coalitions.yaml", "Datasets/coalitions-2024.yaml", in: dir)
        try edit(dir, "Datasets/coalitions-2024.yaml", "{id: it, members: [EE, LU, NL]}", "{id: it-coalition, members: [EE, LU, NL]}")
        try edit(dir, "Datasets/pledges.yaml", "value: -500000", "value: 500000")
        try Data("pledges:\n  - {id: nl-it, coalition: it, amount: {value: 10000000, currency: EUR}, announced: \"2024-01-23\", sources: [{url: \"https://example.org/nl\", title: NL joins}]}\n  - {id: lu-it, coalition: it}\n".utf8)
            .write(to: dir.appendingPathComponent("Datasets/moved.yaml"))
        try edit(dir, "Datasets/pledges.yaml", Self.nlRecord, "")
        let run = try CLIRunner.run(["diff", "HEAD", "--format", "json"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let changes = (json?["changes"] as? [[String: Any]]) ?? []
        let summary = changes.map { c -> String in
            let location = c["location"] as? [String: Any]
            return "\(c["kind"] ?? "") \(c["identity"] ?? "-") \(location?["file"] ?? "")"
        }
        XCTAssertEqual(summary.sorted(), [
            "added it-coalition Datasets/coalitions-2024.yaml",
            "added lu-it Datasets/moved.yaml",
            "modified ee-it Datasets/pledges.yaml",
            "moved nl-it Datasets/moved.yaml",
            "removed it Datasets/coalitions.yaml",
        ])
        XCTAssertEqual(json?["version"] as? Int, 1)
        let markdown = try CLIRunner.run(["diff", "HEAD", "--format", "github"], in: dir)
        XCTAssertTrue(markdown.stdout.contains("| modified | pledges ee-it | Datasets/pledges.yaml:2 | `amount: {\"value\":-500000,\"currency\":\"EUR\"} → {\"value\":500000,\"currency\":\"EUR\"}` |"), markdown.stdout)
        // The renamed coalition id still referred to: the gate says so at the file that held it.
        let check = try CLIRunner.run(["check", "--format", "gcc", "--base", "HEAD"], in: dir)
        XCTAssertTrue(check.stdout.contains("Datasets/coalitions.yaml:1:1: error: coalition it is gone (renamed or removed) but pledges still refer to it [coalition-id-kept-while-referenced]"), check.stdout)
    }

    func testDiffAndBaseFollowMountedLayouts() throws {
        // A one-record file, a file whose root is a list and a keyed map, mounted by .concord.yaml.
        let dir = try CLIRunner.folder([
            ".concord.yaml": """
                datasets:
                  - {path: "people/*.yaml", as: people}
                  - {path: committees.yaml, as: committees}
                  - {path: membership.yaml, as: membership, kind: map}
                rules: [rules]

                """,
            "rules/r.yaml": """
                rules:
                  - id: name-kept
                    for: people[*]
                    assert: self.name == oldSelf.name
                    message: "{{self.id}} was called {{oldSelf.name}}"

                """,
            "people/ana.yaml": "id: ana\nname: Ana\n",
            "people/bo.yaml": "id: bo\nname: Bo\n",
            "committees.yaml": "- {id: finance}\n- {id: planning}\n",
            "membership.yaml": "finance: [ana, bo]\nplanning: [bo]\n",
        ])
        try CLIRunner.git("init", "-q", in: dir)
        try CLIRunner.git("add", ".", in: dir)
        try CLIRunner.git("commit", "-qm", "base", in: dir)
        try edit(dir, "people/ana.yaml", "name: Ana", "name: Anna")
        try edit(dir, "membership.yaml", "planning: [bo]", "planning: [bo, ana]")
        try edit(dir, "committees.yaml", "- {id: planning}\n", "")
        try CLIRunner.git("mv", "people/bo.yaml", "people/bo-2.yaml", in: dir)
        let diff = try CLIRunner.run(["diff", "HEAD"], in: dir)
        XCTAssertEqual(diff.stdout, """
            HEAD → working tree: 0 added, 1 removed, 2 modified, 1 moved
            ~ people ana  people/ana.yaml:1
                name: "Ana" → "Anna"
            > people bo  people/bo.yaml:1 → people/bo-2.yaml:1
            ~ membership planning  membership.yaml:2
                value: ["bo"] → ["bo","ana"]
            - committees planning  committees.yaml:2

            """, diff.stderr)
        let check = try CLIRunner.run(["check", "--format", "gcc", "--base", "HEAD"], in: dir)
        XCTAssertEqual(lines(check, rule: "name-kept"), ["people/ana.yaml:2:7: error: ana was called Ana [name-kept]"])
    }
}
