import ConcordDiagnostics
import XCTest
@testable import ConcordYAML

/// A large file parsed in parts by two libyaml parsers (`ParallelEvents`) loads exactly as it
/// does in one piece: same nodes, positions, values and diagnostics, whether its seams hold or
/// fall inside a block scalar or a quoted text.
final class ParallelLoadingTests: XCTestCase {
    private func options(partBytes: Int) -> LoaderOptions {
        var options = LoaderOptions()
        options.parallelMinimumBytes = 0
        options.parallelPartBytes = partBytes
        return options
    }

    private var direct: LoaderOptions {
        var options = LoaderOptions()
        options.parallelMinimumBytes = .max
        options.pipelineMinimumBytes = .max
        return options
    }

    private func render(_ r: LoadResult) -> [String] {
        r.documents.map { JSONRenderer.render($0.root, positions: true) }
    }

    /// Loads `text` in parts and in one piece, asserts both agree; the number of parts read.
    @discardableResult
    private func assertSameInParts(_ text: String, partBytes: Int, file: StaticString = #filePath,
                                   line: UInt = #line) -> Int {
        let bytes = Array(text.utf8)
        let (parallel, parts) = YAMLLoader(options: options(partBytes: partBytes))
            .loadCountingParts(bytes: bytes, file: "big.yaml")
        let one = YAMLLoader(options: direct).load(bytes: bytes, file: "big.yaml")
        XCTAssertEqual(parallel.succeeded, one.succeeded, file: file, line: line)
        XCTAssertEqual(parallel.diagnostics, one.diagnostics, file: file, line: line)
        XCTAssertEqual(parallel.yamlFile?.nodeCount, one.yamlFile?.nodeCount, file: file, line: line)
        XCTAssertEqual(render(parallel), render(one), file: file, line: line)
        return parts
    }

    /// Records of every shape, with anchors used parts later, a key defined twice far apart,
    /// non-ASCII text, and top-level texts whose lines look like items (`  - `) but are not.
    private func awkwardFile(records: Int) -> String {
        var text = "# a dataset\ncoalitions:\n  - id: c0\n    name: &shared Shared name\n  - id: c1\n    name: Zweite Koalition ü\n"
        text += "notes: |\n  - not an item\n  - still the text\n"
        text += "pledges:\n"
        for i in 0..<records {
            switch i % 6 {
            case 0:
                text += "  - id: p\(i)\n    amount: {value: \(i), currency: EUR}\n    tags:\n      - a\n      - b\n"
            case 1:
                text += "  - id: p\(i)\n    note: >\n      folded text\n      - with a dash \(i)\n    name: *shared\n"
            case 2:
                text += "  - id: p\(i)\n    quoted: \"two\n      lines é \(i)\"\n    flow: [1,\n      2, 3]\n"
            case 3:
                text += "  -   id: p\(i)   # odd spacing\n      by: ÉÈ 🚀\n"
            case 4:
                text += "  - id: p\(i)\n    nested:\n      - deep:\n          - 1\n"
            default:
                text += "  - plain item \(i)\n  - ? complex key \(i)\n    : value\n"
            }
        }
        text += "quoted: \"a\n  - b\n  - c\"\n"
        text += "more:\n"
        for i in 0..<records / 4 {
            text += "  - {id: m\(i), when: 2024-01-0\(i % 9 + 1)}\n"
        }
        text += "notes: defined twice\n"
        return text
    }

    func testAFileInManyPartsLoadsAsInOnePiece() {
        let text = awkwardFile(records: 1_200)
        for partBytes in [1, 100, 20_000] {
            assertSameInParts(text, partBytes: partBytes)
        }
    }

    /// Where no seam falls inside a text, every seam holds: the file is read in all its parts.
    func testSeamsBetweenRecordsHold() throws {
        var text = "coalitions:\n  - id: c0\n  - id: c1\npledges:\n"
        for i in 0..<1_200 {
            text += i % 2 == 0
                ? "  - id: p\(i)\n    amount: {value: \(i), currency: EUR}\n    by: [\"É\", 🚀]\n    tags:\n      - a\n"
                : "  - id: p\(i)\n    note: |\n      - a text\n    quoted: \"two\n      lines\"\n"
        }
        for partBytes in [1, 100, 4_096] {
            let bytes = Array(text.utf8)
            let plan = try XCTUnwrap(bytes.withUnsafeBufferPointer {
                SplitPlan.make(body: $0, isASCII: false, partBytes: partBytes)
            })
            // Every seam but (at most) the first pledge's, which opens another sequence.
            XCTAssertGreaterThanOrEqual(assertSameInParts(text, partBytes: partBytes), plan.seams.count, "part size \(partBytes)")
        }
    }

    func testAFileWithoutItemsIsLoadedInOnePiece() {
        let text = String(repeating: "key: value\n", count: 2_000).replacingOccurrences(of: "key", with: "k")
        XCTAssertEqual(assertSameInParts(text, partBytes: 1), 1)
    }

    func testSyntaxErrorInALaterPartIsReportedAsInOnePiece() {
        var text = awkwardFile(records: 1_000)
        text += "pledges2:\n  - id: [unclosed\n  - id: next\n"
        let parts = assertSameInParts(text, partBytes: 2_000)
        XCTAssertEqual(parts, 1, "the file is parsed again in one piece")
        let r = YAMLLoader(options: options(partBytes: 2_000)).load(text: text, file: "big.yaml")
        XCTAssertEqual(r.diagnostics.last?.ruleID, "yaml-syntax")
    }

    func testLimitsAndStopsInALaterPart() {
        let records = String(repeating: "- {id: x, values: [1, 2, 3]}\n", count: 5_000)
        let deep = records + "- " + String(repeating: "[", count: 600) + "\n" + records
        // The builder stops at the depth limit in a middle part, as it does in one piece.
        XCTAssertGreaterThan(assertSameInParts(deep, partBytes: 1_000), 1)
        // An alias defined in the first part and used in the last.
        let aliased = "- &first {id: a}\n- {id: b}\n" + records + "- *first\n- *missing\n"
        XCTAssertGreaterThan(assertSameInParts(aliased, partBytes: 1_000), 10)
    }

    func testMultipleDocumentsAndATopLevelSequence() {
        var text = ""
        for d in 0..<30 {
            text += "--- # document \(d)\n"
            for i in 0..<50 { text += "- id: d\(d)i\(i)\n  v: \(i)\n" }
        }
        text += "...\n%YAML 1.1\n---\n- last\n"
        XCTAssertGreaterThan(assertSameInParts(text, partBytes: 300), 10)
    }

    func testSeamsAreLinesThatOpenAnItemAfterThePrefix() throws {
        let text = "a: 1\nlist:\n  - x\n  - y\n    z: 1\n  - w\n  -  v\n   - u\n  - t\n"
        let bytes = Array(text.utf8)
        let plan = try XCTUnwrap(bytes.withUnsafeBufferPointer {
            SplitPlan.make(body: $0, isASCII: true, partBytes: 1)
        })
        let offset = { (needle: String) in text.utf8.count - (text.components(separatedBy: needle).last?.utf8.count ?? 0) - needle.utf8.count }
        XCTAssertEqual(plan.prefixEnd, offset("  - y"))
        XCTAssertEqual(plan.seams, [offset("  - w"), offset("  -  v"), offset("  - t")])
        XCTAssertEqual(plan.seamCharacters, plan.seams)
        let accented = Array("list:\n  - é\n  - ü\n  - ö\n".utf8)
        let other = try XCTUnwrap(accented.withUnsafeBufferPointer {
            SplitPlan.make(body: $0, isASCII: false, partBytes: 1)
        })
        XCTAssertEqual(other.seams, [20])
        XCTAssertEqual(other.seamCharacters, [18])
        XCTAssertEqual(other.prefixCharacters, 12)
    }
}
