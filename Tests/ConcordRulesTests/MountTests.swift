import ConcordDiagnostics
import Foundation
import XCTest
@testable import ConcordRules

/// Datasets laid out as people keep them — files whose root is a list, one record per file, a
/// keyed map — mounted by `.concord.yaml` and checked like the merged layout.
final class MountTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> URL { try RuleTestSupport.folder(files) }

    /// Plans and runs `concord check` in `dir` with `paths` (as the command does, from that folder).
    private func check(_ dir: URL, paths: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> CheckResult? {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path), "cannot enter \(dir.path)", file: file, line: line)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        switch CheckPlanner(currentDirectory: dir.path).plan(paths: paths, rules: []) {
        case .success(let (request, _)): return CheckSession.run(request)
        case .failure(.configuration(let problems)):
            XCTFail("configuration: " + problems.map(RuleTestSupport.render).joined(separator: "\n"), file: file, line: line)
        case .failure(.usage(let message)):
            XCTFail("usage: " + message, file: file, line: line)
        }
        return nil
    }

    private func configurationProblems(_ dir: URL) -> [String] {
        guard case .failure(.configuration(let problems)) = CheckPlanner(currentDirectory: dir.path).plan(paths: [], rules: []) else {
            return []
        }
        return problems.map(RuleTestSupport.render).map { $0.replacingOccurrences(of: dir.path + "/", with: "") }
    }

    /// Diagnostics as `RuleTestSupport.render` shows them, paths relative to `dir`.
    private func render(_ diagnostics: [Diagnostic], in dir: URL) -> [String] {
        diagnostics.map(RuleTestSupport.render).map { $0.replacingOccurrences(of: dir.path + "/", with: "") }
    }

    private func related(_ diagnostic: Diagnostic?, in dir: URL) -> [String]? {
        diagnostic.map { RuleTestSupport.renderRelated($0).map { $0.replacingOccurrences(of: dir.path + "/", with: "") } }
    }

    static let mounts = """
        datasets:
          - {path: data/committees.yaml, as: committees}
          - {path: "data/people/*.yaml", as: people}
          - {path: data/membership.yaml, as: membership, kind: map}
        rules: [rules]

        """

    static let rules = """
        variables:
          committeeIds: "dataset.committees.map(c, c.id)"
        rules:
          - id: person-ids-unique
            for: people[*]
            unique: self.id
            message: "person id {{key}} is used twice"
          - id: committee-has-name
            for: committees[*]
            assert: has(self.name)
            message: "committee {{self.id}} has no name"
          - id: membership-committee-exists
            for: membership[*]
            assert: selfKey in committeeIds
            message: "{{selfKey}} is not a committee"
          - id: members-are-people
            for: membership[*]
            references: people[*].id
            key: self

        """

    static let data: [String: String] = [
        ".concord.yaml": mounts,
        "rules/r.yaml": rules,
        "data/committees.yaml": "- {id: finance, name: Finance}\n- {id: planning}\n",
        "data/people/ana.yaml": "id: ana\nname: Ana\n",
        "data/people/ben.yaml": "id: ben\nname: Ben\n",
        "data/people/notes.txt": "not YAML, not mounted\n",
        "data/membership.yaml": "finance: [ana, ben]\nplaning: [ana, carl]\n",
    ]

    func testListsRecordsAndAKeyedMapAreCheckedAtTheirPlaces() throws {
        let dir = try folder(Self.data)
        let result = try XCTUnwrap(check(dir))
        XCTAssertFalse(result.configurationFailed)
        XCTAssertEqual(result.report.statistics.files, 4)
        XCTAssertEqual(result.report.statistics.records, 4)   // two committees, two people
        XCTAssertEqual(render(result.report.diagnostics.sorted(by: Diagnostic.reportOrder), in: dir), [
            "data/committees.yaml:2:3-2:17 committee-has-name: committee planning has no name",
            // The assertion on `selfKey` points at the key; the reference at the missing item.
            "data/membership.yaml:2:1-2:8 membership-committee-exists: planing is not a committee",
            "data/membership.yaml:2:16-2:20 members-are-people: `carl` is not one of `people[*].id`",
        ])
    }

    func testDuplicateIdsAcrossOneRecordFilesPointAtBothFiles() throws {
        var files = Self.data
        files["data/people/ben.yaml"] = "id: ana\nname: Ben\n"
        files["data/membership.yaml"] = "finance: [ana]\n"
        let dir = try folder(files)
        let result = try XCTUnwrap(check(dir))
        XCTAssertEqual(result.report.diagnostics.filter { $0.ruleID == "person-ids-unique" }.map(RuleTestSupport.render),
                       ["data/people/ben.yaml:1:5-1:8 person-ids-unique: person id ana is used twice"])
        XCTAssertEqual(result.report.diagnostics.first { $0.ruleID == "person-ids-unique" }.map(RuleTestSupport.renderRelated),
                       ["data/people/ana.yaml:1:5 first used here"])
    }

    func testTheSameKeyInTwoMapFilesIsADuplicateWithBothPlaces() throws {
        let dir = try folder([
            ".concord.yaml": "datasets:\n  - {path: data/membership, as: membership, kind: map}\n",
            "data/membership/a.yaml": "finance: [ana]\n",
            "data/membership/b.yaml": "planning: [ben]\nfinance: [carl]\n",
        ])
        let result = try XCTUnwrap(check(dir))
        XCTAssertEqual(render(result.report.diagnostics, in: dir),
                       ["data/membership/b.yaml:2:1-2:8 dataset-duplicate-key: `membership.finance` is defined twice in the dataset"])
        XCTAssertEqual(related(result.report.diagnostics.first, in: dir), ["data/membership/a.yaml:1:1 first defined here"])
    }

    func testDocumentsOfAnotherShapeAreErrorsNamingTheMount() throws {
        let dir = try folder([
            ".concord.yaml": """
                datasets:
                  - {path: data/people, as: people}
                  - {path: data/membership.yaml, as: membership, kind: map}

                """,
            "data/people/a.yaml": "just a sentence\n",
            "data/people/b.yaml": "",
            "data/people/c.yaml": "- {id: c}\n- {id: d}\n",
            "data/membership.yaml": "- finance\n",
        ])
        let result = try XCTUnwrap(check(dir))
        XCTAssertEqual(render(result.report.diagnostics.sorted(by: Diagnostic.reportOrder), in: dir), [
            "data/membership.yaml:1:1-1:10 dataset-mount-shape: a document mounted by `data/membership.yaml` (as `membership`, kind map) must be a mapping of keys to values, not a list",
            "data/people/a.yaml:1:1-1:16 dataset-mount-shape: a document mounted by `data/people` (as `people`) must be a list of records or one record (a mapping), not a scalar",
        ])
        XCTAssertEqual(result.report.statistics.records, 2)
    }

    func testAMountedListJoinsTheSameListOfThePlainLayout() throws {
        let dir = try folder([
            ".concord.yaml": "datasets:\n  - Datasets\n  - {path: extra/people.yaml, as: people}\nrules: [rules]\n",
            "Datasets/a.yaml": "people:\n  - {id: ana}\n",
            "extra/people.yaml": "- {id: ana}\n",
            "rules/r.yaml": "rules:\n  - id: person-ids-unique\n    for: people[*]\n    unique: self.id\n",
        ])
        let result = try XCTUnwrap(check(dir))
        XCTAssertEqual(render(result.report.diagnostics, in: dir),
                       ["extra/people.yaml:1:8-1:11 person-ids-unique: `ana` is not unique"])
    }

    func testAFileMountedTwiceIsAPositionedConfigurationError() throws {
        let dir = try folder([
            ".concord.yaml": "datasets:\n  - data\n  - {path: \"data/people/*.yaml\", as: people}\n",
            "data/people/a.yaml": "id: a\n",
            "data/people/b.yaml": "id: b\n",
        ])
        let result = try XCTUnwrap(check(dir))
        XCTAssertTrue(result.configurationFailed)
        XCTAssertEqual(render(result.report.diagnostics, in: dir), [
            ".concord.yaml:3:5-3:45 config-invalid: `data/people/a.yaml` and 1 other file are mounted twice: here and by `data`; a file may belong to one entry of `datasets`",
        ])
        // A plain path has no place to relate to (it may come from the command line); a mount has.
        XCTAssertEqual(related(result.report.diagnostics.first, in: dir), [])

        try Data("datasets:\n  - {path: data/people, as: people}\n  - {path: data/people/a.yaml, as: more}\n".utf8)
            .write(to: dir.appendingPathComponent(".concord.yaml"))
        let again = try XCTUnwrap(check(dir))
        XCTAssertEqual(render(again.report.diagnostics, in: dir), [
            ".concord.yaml:3:5-3:41 config-invalid: `data/people/a.yaml` is mounted twice: here and by `data/people` (as `people`); a file may belong to one entry of `datasets`",
        ])
        XCTAssertEqual(related(again.report.diagnostics.first, in: dir), [".concord.yaml:2:5 first mounted here"])
    }

    func testAMountThatMatchesNothingIsAPositionedError() throws {
        let dir = try folder([
            ".concord.yaml": "datasets:\n  - {path: \"data/*.yml\", as: people}\n  - {path: gone.yaml, as: more}\n",
            "data/a.yaml": "id: a\n",
        ])
        let result = try XCTUnwrap(check(dir))
        XCTAssertTrue(result.configurationFailed)
        XCTAssertEqual(render(result.report.diagnostics, in: dir), [
            ".concord.yaml:2:5-2:37 missing-path: no YAML file matches `data/*.yml`",
            ".concord.yaml:3:5-3:32 missing-path: no such file or folder: gone.yaml",
        ])
    }

    func testMountEntriesAreValidatedAtTheirPlaces() throws {
        let dir = try folder([
            ".concord.yaml": """
                datasets:
                  - {path: a.yaml, as: people, kind: lists}
                  - {as: people}
                  - {path: b.yaml, as: 2people}
                  - {path: c.yaml, kind: map}
                  - {path: d.yaml, as: x, knd: map}
                  - {path: e.yaml, as: people, kind: map}
                  - [f.yaml]

                """,
        ])
        XCTAssertEqual(configurationProblems(dir), [
            ".concord.yaml:2:38-2:43 config-invalid: `kind` must be `list` or `map`, not `lists`; did you mean `list`?",
            ".concord.yaml:3:5-3:17 config-invalid: a mount needs `path`: a file, a folder or a glob",
            ".concord.yaml:4:24-4:31 config-invalid: `as` must be a name (letters, digits, `_` or `-`, not starting with a digit), not `2people`",
            ".concord.yaml:5:26-5:29 config-invalid: `kind` needs `as`: the top-level key the files are mounted at",
            ".concord.yaml:6:27-6:30 config-invalid: unknown field `knd` in a mount; did you mean `kind`?",
            ".concord.yaml:8:5-8:13 config-invalid: an entry of `datasets` is a path or a mount `{path, as, kind}`",
        ])
    }

    func testAPathInsideAMountReportsOnlyThatFile() throws {
        var files = Self.data
        files["data/people/ben.yaml"] = "id: ana\nname: Ben\n"
        let dir = try folder(files)
        let result = try XCTUnwrap(check(dir, paths: ["data/people/ben.yaml"]))
        XCTAssertEqual(render(result.report.diagnostics, in: dir),
                       ["data/people/ben.yaml:1:5-1:8 person-ids-unique: person id ana is used twice"])
    }

    func testSuppressionsAndFingerprintsWorkInMountedFiles() throws {
        var files = Self.data
        files["data/membership.yaml"] = "finance: [ana, ben]\n# concord-ignore: membership-committee-exists not yet created\nplaning: [ana, carl]\n"
        let dir = try folder(files)
        let result = try XCTUnwrap(check(dir))
        XCTAssertEqual(result.report.diagnostics.map(\.ruleID).sorted(), ["committee-has-name", "members-are-people"])
        XCTAssertTrue(result.report.diagnostics.allSatisfy { $0.fingerprint != nil })
    }

    // MARK: selfKey

    func testSelfKeyIsTheIndexInAListAndTheKeyInAMap() {
        let rules = """
            rules:
              - id: first-two
                for: coalitions[*]
                assert: selfKey < 2
                message: "item {{selfKey}} of {{self.id}}"
              - id: rate-keys
                for: reference.rates.*
                assert: selfKey.startsWith('EUR')
                message: "key {{selfKey}}"
              - id: top-level
                for: reference
                assert: selfKey == 'nothing'
                message: "top-level key {{selfKey}}"

            """
        let found = RuleTestSupport.check(rules, [
            ("a.yaml", "coalitions:\n  - {id: a}\n  - {id: b}\n"),
            ("b.yaml", "coalitions:\n  - {id: c}\nreference:\n  rates:\n    EURUSD: 1.1\n    GBPUSD: 1.3\n"),
        ])
        XCTAssertEqual(found.map(RuleTestSupport.render), [
            // The index counts across the files of a concatenated list; blame on an index is the item.
            "b.yaml:2:5-2:12 first-two: item 2 of c",
            // Blame on a map key is the key.
            "b.yaml:6:5-6:11 rate-keys: key GBPUSD",
            "b.yaml:4:3-6:16 top-level: top-level key reference",
        ].sorted { $0 < $1 })
    }
}
