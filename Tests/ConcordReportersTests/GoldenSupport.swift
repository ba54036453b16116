import ConcordTestSupport
import Foundation
import XCTest

/// Compares `actual` with `Golden/<name>` (`GoldenFile`: `CONCORD_UPDATE_GOLDEN=1` rewrites it).
/// The source tree's copy is read first; the bundled copy is the fallback.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let sourceURL = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    let bundled = Bundle.module.url(forResource: "Golden", withExtension: nil)?.appendingPathComponent(name)
    if let mismatch = GoldenFile.mismatch(actual, expectedAt: sourceURL, fallback: bundled) {
        XCTFail("Golden/\(name): \(mismatch)", file: file, line: line)
    }
}
