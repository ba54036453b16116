import XCTest
@testable import ConcordCEL

/// Optionals, `cel.bind` and the math library beyond the conformance files: rendering, the
/// checker, errors and blame-relevant shapes of the syntax tree.
final class OptionalsBindMathTests: CELExtensionTestCase {
    func testOptionalSyntaxRendersAsWritten() throws {
        for src in ["a.?b", "a[?0]", "[?a, b]", "{?\"k\": a, \"j\": b}", "a.optMap(x, x + 1)", "cel.bind(x, 1, x * x)"] {
            XCTAssertEqual(try Expression(parsing: src).root.description, src)
        }
    }

    func testCheckerAcceptsOptionalSyntaxAndBindVariables() throws {
        let checker = Checker(variables: ["self"], functions: functions)
        for src in ["self.?a.orValue(1)", "[?self.?a]", "{?'k': self.?a}", "cel.bind(x, self.a, x + x)",
                    "self.?a.optMap(v, v + 1).hasValue()", "math.greatest(1, 2) == 2"] {
            XCTAssertEqual(checker.check(try Expression(parsing: src)), [], src)
        }
        let problems = checker.check(try Expression(parsing: "cel.bind(x, 1, y)"))
        XCTAssertEqual(problems.map(\.message), ["undeclared reference to 'y'"])
    }

    func testOptionalsOnData() {
        let record = Activation(["self": .map(MapValue(fields: [("a", .int(2)), ("list", .list([.int(5)]))]))])
        assertValue("self.?a.orValue(0) + self.?b.orValue(0)", .int(2), record)
        assertValue("self.?list[?0].orValue(-1)", .int(5), record)
        assertValue("self.?list[?3].orValue(-1)", .int(-1), record)
        assertValue("[?self.?a, ?self.?b, 3]", .list([.int(2), .int(3)]), record)
        assertValue("optional.of(1).orValue(2)", .int(1))
        assertValue("optional.none().orValue(2)", .int(2))
        assertError("optional.none().value()", containing: "optional.none() dereference")
        assertError("1.optMap(x, x)", containing: "no matching overload")
        assertError("optional.of(1).optFlatMap(x, x)", containing: "no matching overload")
        assertError("[?1]", containing: "no matching overload")
    }

    func testBindEvaluatesItsValueOnceAndOnlyMattersWhenUsed() {
        assertValue("cel.bind(x, 2, x * x)", .int(4))
        assertValue("cel.bind(x, 1 / 0, true)", .bool(true))
        assertError("cel.bind(x, 1 / 0, x > 0)", containing: "divide by zero")
        assertValue("[1, 2].map(i, cel.bind(d, i * 10, d + i))", .list([.int(11), .int(22)]))
    }

    func testMathErrorsAndTypes() {
        assertError("math.greatest([])", containing: "must not be empty")
        assertError("math.greatest('a', 1)", containing: "no matching overload")
        assertValue("math.least(3u, 2.5, 7)", .double(2.5))
        assertValue("math.bitShiftRight(-1, 63)", .int(1))
        assertValue("math.sign(-0.0)", .double(0))
    }
}
