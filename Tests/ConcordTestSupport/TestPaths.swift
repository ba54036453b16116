import Foundation

/// Where the tests find the package's files.
public enum TestPaths {
    /// The package root (this file is `Tests/ConcordTestSupport/TestPaths.swift`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped rule pack, `Rules/`.
    public static var rules: URL { packageRoot.appendingPathComponent("Rules") }

    /// `../shared/` beside the package root (present on the team's machines, absent in a user's
    /// clone: tests that need it skip with a clear message).
    public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The bytes of an input a fuzzer found a problem with (scripts/fuzz.sh), kept in the
    /// `FuzzFindings/` folder beside the test file that calls this.
    public static func fuzzFinding(_ name: String, beside testFile: StaticString = #filePath) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: "\(testFile)").deletingLastPathComponent().appendingPathComponent("FuzzFindings")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// A fresh, empty folder under the temporary directory.
    public static func temporaryFolder(_ prefix: String = "concord-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.standardizedFileURL
    }

    /// A fresh temporary folder holding `files` (relative path → text).
    public static func folder(holding files: [String: String], prefix: String = "concord-test") throws -> URL {
        let dir = try temporaryFolder(prefix)
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return dir
    }
}
