import Foundation
import XCTest

/// `concord dump` and `concord check` without rules, end to end.
final class LoaderCommandTests: XCTestCase {
    func testDumpPrintsTheResolvedValue() throws {
        let dir = try CLIRunner.folder(["no.yaml": "members: [NO, SE]\n"])
        let run = try CLIRunner.run(["dump", "no.yaml"], in: dir)
        XCTAssertEqual(run.stdout, "{\"members\":[\"NO\",\"SE\"]}\n")
        XCTAssertEqual(run.status, 0)
    }

    func testDumpPrintsOneDocumentPerLine() throws {
        let dir = try CLIRunner.folder(["multi.yaml": "a: 1\n---\n- x\n"])
        let run = try CLIRunner.run(["dump", "multi.yaml"], in: dir)
        XCTAssertEqual(run.stdout, "{\"a\":1}\n[\"x\"]\n")
    }

    func testDumpOfABrokenFileExitsOneWithTheDiagnosticOnStderr() throws {
        let dir = try CLIRunner.folder(["bad.yaml": "a: b: c\n"])
        let run = try CLIRunner.run(["dump", "bad.yaml"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "bad.yaml:1:5: error: mapping values are not allowed in this context [yaml-syntax]\n")
    }

    func testCheckWarnsAboutNorwayAndExitsZero() throws {
        let dir = try CLIRunner.folder(["Datasets/no.yaml": "members: [NO, SE]\n"])
        let run = try CLIRunner.run(["check", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.stdout, "Datasets/no.yaml:1:11: warning: `NO` is the string \"NO\" in YAML 1.2 but the boolean false in YAML 1.1; quote it (\"NO\") so every tool reads it the same [yaml-ambiguous-scalar]\n")
        XCTAssertEqual(run.status, 0)
        let strict = try CLIRunner.run(["check", "--format", "gcc", "--fail-on", "warning"], in: dir)
        XCTAssertEqual(strict.status, 1)
    }

    func testEachLoaderErrorGivesOneDiagnosticAndExitOne() throws {
        let laughs = (["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"] +
            zip("bcdefghi", "abcdefgh").map { n, p in "\(n): &\(n) [" + Array(repeating: "*\(p)", count: 9).joined(separator: ",") + "]" })
            .joined(separator: "\n") + "\n"
        let cases: [(String, String, String)] = [
            ("dup.yaml", "a: 1\nb: 2\na: 3\n", "dup.yaml:3:1: error: duplicate key \"a\" in this mapping [yaml-duplicate-key]"),
            ("alias.yaml", "a: &x 1\nb: *y\n", "alias.yaml:2:4: error: alias *y refers to no anchor &y defined before it [yaml-undefined-alias]"),
            ("laughs.yaml", laughs, "laughs.yaml:7:8: error: aliases would expand this document to more than 1000000 nodes (a \"billion laughs\" document?); loading stopped [yaml-alias-limit]"),
            ("deep.yaml", String(repeating: "[", count: 10_000) + "\n", "deep.yaml:1:513: error: nesting deeper than 512 levels; loading stopped [yaml-depth-limit]"),
            ("syntax.yaml", "key: [1, 2\nother: 3\n", "syntax.yaml:2:6: error: did not find expected ',' or ']' (while parsing a flow sequence) [yaml-syntax]"),
        ]
        for (name, text, expected) in cases {
            let dir = try CLIRunner.folder([name: text])
            let run = try CLIRunner.run(["check", name, "--format", "gcc"], in: dir)
            XCTAssertEqual(run.status, 1, name)
            let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            XCTAssertEqual(errors.map(String.init), [expected], name)
        }
    }

    func testInvalidUTF8IsOneDiagnostic() throws {
        let dir = try CLIRunner.folder([:])
        try Data([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A]).write(to: dir.appendingPathComponent("latin.yaml"))
        let run = try CLIRunner.run(["check", "latin.yaml", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "latin.yaml:1:4: error: invalid UTF-8 byte sequence; the file is not UTF-8 text [yaml-encoding]\n")
    }

    func testAFailingFileDoesNotStopTheOthers() throws {
        let dir = try CLIRunner.folder([
            "data/a.yaml": "a: b: c\n",
            "data/b.yaml": "x: [NO]\n",
            "data/c.yml": "k: 1\nk: 2\n",
            "data/notes.txt": "not yaml: [",
        ])
        let run = try CLIRunner.run(["check", "data", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 1)
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { !$0.contains(": note: ") }
        XCTAssertEqual(lines.count, 3, run.stdout)
        XCTAssertTrue(lines[0].hasPrefix("data/a.yaml:1:5: error:"))
        XCTAssertTrue(lines[1].hasPrefix("data/b.yaml:1:5: warning:"))
        XCTAssertTrue(lines[2].hasPrefix("data/c.yml:2:1: error: duplicate key"))
    }

    func testUsageErrorsExitTwo() throws {
        let dir = try CLIRunner.folder(["a.yaml": "a: 1\n"])
        XCTAssertEqual(try CLIRunner.run(["check", "missing.yaml"], in: dir).status, 2)
        XCTAssertEqual(try CLIRunner.run(["check", "a.yaml", "--format", "xml"], in: dir).status, 2)
        XCTAssertEqual(try CLIRunner.run(["check", "a.yaml", "--fail-on", "sometimes"], in: dir).status, 2)
        XCTAssertEqual(try CLIRunner.run(["check"], in: dir).status, 2, "no Datasets/ folder")
    }

    func testCheckNeverWritesToTheFilesItChecks() throws {
        let text = "a: 1\na: 2\nb: [NO]\n"
        let dir = try CLIRunner.folder(["Datasets/x.yaml": text])
        let file = dir.appendingPathComponent("Datasets/x.yaml")
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        _ = try CLIRunner.run(["check", "--format", "pretty"], in: dir)
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), text)
        XCTAssertEqual(before, after)
    }

    func testOutputOptionWritesTheReportToAFile() throws {
        let dir = try CLIRunner.folder(["a.yaml": "a: 1\na: 2\n"])
        let run = try CLIRunner.run(["check", "a.yaml", "--format", "json", "--output", "report.json"], in: dir)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        let data = try Data(contentsOf: dir.appendingPathComponent("report.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        XCTAssertEqual((object?["diagnostics"] as? [Any])?.count, 1)
    }

    /// A report larger than the output's 64 KiB blocks comes out whole and in order, the same
    /// on standard output and in a file, and an output that cannot be opened is a usage error.
    func testLargeReportsAreStreamedWholeToStandardOutputAndToAFile() throws {
        let count = 3_000
        let text = (0..<count).map { "k\($0): 1\nk\($0): 2\n" }.joined()
        let dir = try CLIRunner.folder(["a.yaml": text])
        let run = try CLIRunner.run(["check", "a.yaml", "--format", "gcc"], in: dir)
        XCTAssertEqual(run.status, 1)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertGreaterThan(run.stdout.utf8.count, 1 << 17)
        XCTAssertEqual(lines.filter { $0.contains("error:") }.count, count)
        XCTAssertEqual(lines.first.map(String.init), "a.yaml:2:1: error: duplicate key \"k0\" in this mapping [yaml-duplicate-key]")
        XCTAssertTrue(lines.contains("a.yaml:\(2 * count):1: error: duplicate key \"k\(count - 1)\" in this mapping [yaml-duplicate-key]"))
        let toFile = try CLIRunner.run(["check", "a.yaml", "--format", "gcc", "--output", "report.txt"], in: dir)
        XCTAssertEqual(toFile.status, 1)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("report.txt"), encoding: .utf8), run.stdout)
        let missing = try CLIRunner.run(["check", "a.yaml", "--output", "no/such/folder/report.txt"], in: dir)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("cannot write no/such/folder/report.txt"), missing.stderr)
    }
}
