import Foundation
import XCTest

/// Compares `actual` with `Golden/<name>`. With `CONCORD_UPDATE_GOLDEN=1` in the environment the
/// golden file is (re)written in the source tree instead, and the test passes.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let sourceDirectory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    let sourceURL = sourceDirectory.appendingPathComponent("Golden").appendingPathComponent(name)

    if ProcessInfo.processInfo.environment["CONCORD_UPDATE_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(at: sourceURL.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: sourceURL)
        } catch {
            XCTFail("cannot write golden \(sourceURL.path): \(error)", file: file, line: line)
        }
        return
    }

    // Prefer the source tree (always current); fall back to the bundled copy.
    var data = try? Data(contentsOf: sourceURL)
    if data == nil, let bundled = Bundle.module.url(forResource: "Golden", withExtension: nil) {
        data = try? Data(contentsOf: bundled.appendingPathComponent(name))
    }
    guard let data, let expected = String(data: data, encoding: .utf8) else {
        XCTFail("missing golden file Golden/\(name); run the tests with CONCORD_UPDATE_GOLDEN=1",
                file: file, line: line)
        return
    }
    if expected != actual {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var detail = ""
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<none>", al = i < a.count ? a[i] : "<none>"
            if el != al {
                detail = "first difference at line \(i + 1):\n  expected: \(el.debugDescription)\n  actual:   \(al.debugDescription)"
                break
            }
        }
        XCTFail("output differs from Golden/\(name) (CONCORD_UPDATE_GOLDEN=1 regenerates it)\n\(detail)",
                file: file, line: line)
    }
}
