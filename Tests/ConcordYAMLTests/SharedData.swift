import ConcordTestSupport
import Foundation
import XCTest

/// Locates `../shared/` (beside the project root); tests that need it skip with a clear message
/// where it is absent (a user's clone).
enum SharedData {
    static var root: URL { TestPaths.shared }

    static func folder(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("shared data \(url.path) is absent (it exists beside the project in CI); skipping")
        }
        return url
    }
}
