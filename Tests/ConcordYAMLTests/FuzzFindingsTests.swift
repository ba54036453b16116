import ConcordTestSupport
import XCTest
@testable import ConcordYAML

/// Inputs the fuzzers found problems with (scripts/fuzz.sh), kept as regression tests.
final class FuzzFindingsTests: XCTestCase {
    /// `config` target (minimised to `222222222222222220:2`): a plain scalar that YAML 1.1 reads
    /// as a base-60 integer beyond Int64 trapped while the loader described that reading. The
    /// scalar is now a string with the usual ambiguity warning, its reading given as a Double.
    func testBase60ReadingBeyondInt64IsWarnedNotATrap() throws {
        let bytes = try TestPaths.fuzzFinding("config-crash-base60-overflow.bin")
        let text = String(decoding: bytes, as: UTF8.self)
        let result = YAMLLoader().load(bytes: bytes, file: "finding.yaml")
        XCTAssertEqual(result.documents.first?.root.stringValue, text, "a string in YAML 1.2")
        XCTAssertEqual(result.diagnostics.map(\.ruleID), ["yaml-ambiguous-scalar"])
        let reading = "the base-60 integer \(Double(222_222_222_222_222_220) * 60 + 2)"
        XCTAssertTrue(result.diagnostics.first?.message.contains("but \(reading) in YAML 1.1") ?? false,
                      result.diagnostics.first?.message ?? "no diagnostic")
        XCTAssertEqual(result.diagnostics.first?.location.range?.start.line, 1)
        XCTAssertEqual(result.diagnostics.first?.location.range?.start.column, 1)
        XCTAssertEqual(result.diagnostics.first?.location.range?.end.column, 21)
    }

    /// The largest base-60 integer that fits Int64 is still read exactly.
    func testBase60ReadingWithinInt64IsExact() {
        let result = YAMLLoader().load(text: "v: 1:00:00\n", file: "t.yaml")
        XCTAssertTrue(result.diagnostics.first?.message.contains("but the base-60 integer 3600 in YAML 1.1") ?? false,
                      result.diagnostics.first?.message ?? "no diagnostic")
    }
}
