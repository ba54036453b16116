import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordCEL

/// Inputs the fuzzers found problems with (scripts/fuzz.sh), kept as regression tests.
final class FuzzFindingsTests: XCTestCase {
    /// `cel` target: an expression calling `matches` with an invalid pattern (made of bytes that
    /// are not UTF-8) made Foundation leak (suppressed in Fuzz/lsan-suppressions.txt). Concord
    /// must evaluate it without crashing, and an invalid pattern is an error value.
    func testInvalidRegularExpressionFromTheCELFuzzerIsAnError() throws {
        let source = String(decoding: try TestPaths.fuzzFinding("cel-leak-invalid-regex.bin"), as: UTF8.self)
        let functions = FunctionTable.concord
        guard let expression = try? Expression(parsing: source) else {
            return XCTFail("the finding parses (its syntax error would hide the regular expression)")
        }
        let evaluator = Evaluator(functions: functions, costLimit: 20_000)
        var activation = Activation()
        activation.bind("self", to: .map(MapValue([.string("donor"): .string("NL")])))
        // The whole finding evaluates (to the same answer twice: the pattern is cached).
        let first = evaluator.evaluate(evaluator.compile(expression.root), activation)
        let second = evaluator.evaluate(evaluator.compile(expression.root), activation)
        XCTAssertEqual(first.description, second.description)
        let direct = evaluator.evaluate(evaluator.compile(try Expression(parsing: "'grey'.matches('gr(a|e')").root), Activation())
        guard case .error(let e) = direct else { return XCTFail("an invalid pattern is an error") }
        XCTAssertTrue(e.message.contains("invalid regular expression"), e.message)
    }
}
