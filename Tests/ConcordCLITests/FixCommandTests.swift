import Foundation
import XCTest

/// `concord check --fix`, `--unsafe-fixes` and `--diff`, end to end on files in a folder.
final class FixCommandTests: XCTestCase {
    let rules = """
        rules:
          - id: count-matches
            for: coalitions[*]
            when: has(self.members)
            assert: self.member_count == size(self.members)
            message: "member_count is {{self.member_count}} but {{size(self.members)}} members are listed"
            fix:
              description: "set member_count to {{size(self.members)}}"
              set: {at: self.member_count, to: size(self.members)}
          - id: code-upper
            for: coalitions[*]
            when: has(self.code)
            assert: self.code == self.code.upperAscii()
            fix: {description: "upper-case the code", applicability: safe, set: {at: self.code, to: self.code.upperAscii()}}
        """
    // CRLF line ends, comments, both styles, quoting.
    let data = "# The IT coalition\r\ncoalitions:\r\n  - id: it   # as reported\r\n    code: 'ee'\r\n    members: [\"EE\", NO]\r\n    member_count: 11\r\n  - {id: b, code: lv, members: [], member_count: 0}\r\n"
    let fixedSafe = "# The IT coalition\r\ncoalitions:\r\n  - id: it   # as reported\r\n    code: 'EE'\r\n    members: [\"EE\", \"NO\"]\r\n    member_count: 11\r\n  - {id: b, code: LV, members: [], member_count: 0}\r\n"

    private func folder() throws -> URL {
        try CLIRunner.folder(["Rules/r.yaml": rules, "Datasets/c.yaml": data])
    }

    private func text(_ dir: URL) throws -> String {
        String(decoding: try Data(contentsOf: dir.appendingPathComponent("Datasets/c.yaml")), as: UTF8.self)
    }

    func testReportSaysWhatIsFixable() throws {
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: try folder())
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("; 3 fixable with --fix (1 more with --unsafe-fixes)"), run.stderr)
    }

    func testDiffWritesNothing() throws {
        let dir = try folder()
        let path = dir.appendingPathComponent("Datasets/c.yaml").path
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let run = try CLIRunner.run(["check", "--fix", "--unsafe-fixes", "--diff"], in: dir)
        XCTAssertEqual(try text(dir), data, "--diff writes nothing")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date, before)
        XCTAssertEqual(run.status, 1, "a diff means changes to make")
        XCTAssertEqual(run.stdout, """
            --- a/Datasets/c.yaml
            +++ b/Datasets/c.yaml
            @@ -1,7 +1,7 @@
             # The IT coalition\r
             coalitions:\r
               - id: it   # as reported\r
            -    code: 'ee'\r
            -    members: ["EE", NO]\r
            -    member_count: 11\r
            -  - {id: b, code: lv, members: [], member_count: 0}\r
            +    code: 'EE'\r
            +    members: ["EE", "NO"]\r
            +    member_count: 2\r
            +  - {id: b, code: LV, members: [], member_count: 0}\r

            """)
        XCTAssertTrue(run.stderr.contains("would fix 4 problems in 1 file; ✔ no problems"), run.stderr)
    }

    func testFixAppliesSafeFixesKeepsTheModeAndReportsWhatRemains() throws {
        let dir = try folder()
        let path = dir.appendingPathComponent("Datasets/c.yaml").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let run = try CLIRunner.run(["check", "--fix", "--format", "gcc"], in: dir)
        XCTAssertEqual(try text(dir), fixedSafe)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(run.status, 1, "the unsafe count fix is left")
        XCTAssertEqual(run.stdout, "Datasets/c.yaml:6:19: error: member_count is 11 but 2 members are listed [count-matches]\n"
                       + "Datasets/c.yaml:5:14: note: `members` is here\n")
        XCTAssertTrue(run.stderr.contains("fixed 3 problems in 1 file"), run.stderr)
        XCTAssertTrue(run.stderr.contains("0 fixable with --fix (1 more with --unsafe-fixes)"), run.stderr)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Datasets").path)
        XCTAssertEqual(leftovers, ["c.yaml"], "no temporary file left behind")

        // Idempotent: a second --fix changes nothing.
        let again = try CLIRunner.run(["check", "--fix", "--format", "gcc"], in: dir)
        XCTAssertEqual(try text(dir), fixedSafe)
        XCTAssertFalse(again.stderr.contains("fixed"), again.stderr)

        let unsafe = try CLIRunner.run(["check", "--fix", "--unsafe-fixes", "--format", "gcc"], in: dir)
        XCTAssertEqual(unsafe.status, 0)
        XCTAssertEqual(unsafe.stdout, "")
        XCTAssertEqual(try text(dir), fixedSafe.replacingOccurrences(of: "member_count: 11", with: "member_count: 2"))
    }

    func testUnsafeFixesNeedFixOrDiff() throws {
        let run = try CLIRunner.run(["check", "--unsafe-fixes"], in: try folder())
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("--unsafe-fixes applies fixes: use it with --fix or --diff"), run.stderr)
    }
}
