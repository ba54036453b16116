import Foundation
import XCTest
@testable import ConcordRules

/// Writing fixed files: atomic, permissions kept, and never over a file that changed since it
/// was read; the unified diff of a change.
final class FixWritingTests: XCTestCase {
    private func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-fix-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testAFileChangedOnDiskIsNotWritten() throws {
        let path = try temporaryFile("a: 2\n")
        let result = AtomicWrite.replace(path, expecting: Array("a: 1\n".utf8), with: Array("a: 3\n".utf8))
        guard case .failure(let problem) = result else { return XCTFail("written over a changed file") }
        XCTAssertEqual(problem.reason, FixSession.Message.changedOnDisk)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a: 2\n")
    }

    func testReplaceKeepsPermissions() throws {
        let path = try temporaryFile("a: 1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        guard case .success = AtomicWrite.replace(path, expecting: Array("a: 1\n".utf8), with: Array("a: 3\n".utf8)) else {
            return XCTFail("not written")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a: 3\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
    }

    func testUnifiedDiff() {
        let before = Array((1...12).map { "line \($0)\n" }.joined().utf8)
        var lines = (1...12).map { "line \($0)\n" }
        lines[1] = "line two\n"
        lines.remove(at: 10)
        let after = Array(lines.joined().utf8)
        XCTAssertEqual(UnifiedDiff.render(file: "f.yaml", before: before, after: after), """
            --- a/f.yaml
            +++ b/f.yaml
            @@ -1,5 +1,5 @@
             line 1
            -line 2
            +line two
             line 3
             line 4
             line 5
            @@ -8,5 +8,4 @@
             line 8
             line 9
             line 10
            -line 11
             line 12

            """)
        XCTAssertEqual(UnifiedDiff.render(file: "f.yaml", before: before, after: before), "")
        XCTAssertEqual(UnifiedDiff.render(file: "f", before: Array("a".utf8), after: Array("b".utf8)),
                       "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n")
    }
}
