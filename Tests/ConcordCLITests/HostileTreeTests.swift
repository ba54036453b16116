import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `concord check` on a folder holding every kind of hostile entry at once: it answers (no
/// walk forever, no blocked read) with one diagnostic for each, and checks the rest.
final class HostileTreeTests: XCTestCase {
    func testCheckOnAHostileTreeAnswersWithADiagnosticForEach() throws {
        let dir = try CLIRunner.folder([
            "tree/good.yml": "a: 1\n",
            "tree/sub/norway.yaml": "country: NO\n",
            "tree/.git/HEAD.yaml": "[not: yaml\n",
            "tree/locked/secret.yaml": "b: 2\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree").path
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: tree + "/loop", withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: tree + "/sub/up", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: tree + "/gone.yaml", withDestinationPath: "nowhere.yaml")
        XCTAssertEqual(mkfifo(tree + "/pipe.yaml", 0o644), 0)
        XCTAssertEqual(chmod(tree + "/locked", 0), 0)
        defer { chmod(tree + "/locked", 0o755) }

        let started = Date()
        let run = try CLIRunner.run(["check", "tree", "--format", "gcc"], in: dir, timeout: 20)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertLessThan(seconds, 20, "concord check hung on the tree")
        var expected = [
            "tree/gone.yaml:1:1: error: cannot read the file: No such file or directory [file-unreadable]",
            "tree/loop:1:1: warning: this folder is tree, already walked (a link loop or a second link to it); it is walked once [folder-revisited]",
            "tree/pipe.yaml:1:1: error: cannot read the file: it is not a regular file but a named pipe (FIFO); Concord does not open it [file-unreadable]",
            "tree/sub/norway.yaml:1:10: warning: `NO` is the string \"NO\" in YAML 1.2 but the boolean false in YAML 1.1; quote it (\"NO\") so every tool reads it the same [yaml-ambiguous-scalar]",
            "tree/sub/up:1:1: warning: this folder is tree, already walked (a link loop or a second link to it); it is walked once [folder-revisited]",
        ]
        // Root reads a folder whatever its permission bits (these tests run as root in CI);
        // any other user gets the diagnostic. The injected-file-system tests cover it for root.
        if geteuid() != 0 {
            expected.append("tree/locked:1:1: error: cannot read the folder: Permission denied [file-unreadable]")
        }
        XCTAssertEqual(run.stdout.split(separator: "\n").map(String.init).sorted(), expected.sorted(), run.stdout)
        XCTAssertEqual(run.status, 1)
    }
}
