import XCTest
@testable import ConcordCEL

/// The static cost estimate is an upper bound of the evaluator's cost when collections are no
/// larger than the size it assumes, and equals it in the worst case.
final class CostEstimatorTests: XCTestCase {
    func estimate(_ src: String, unknownSize: Int = 10, sizes: [String: Int] = [:]) throws -> Int {
        CostEstimator(unknownSize: unknownSize, variableSizes: sizes).estimate(try Expression(parsing: src).root)
    }

    func cost(_ src: String, _ activation: Activation) throws -> Int {
        Evaluator(functions: .concord).evaluateWithCost(try Expression(parsing: src).root, activation).cost
    }

    func testLiteralsAndOperatorsCostOnePerNode() throws {
        XCTAssertEqual(try estimate("1 + 2 * 3"), 5)
        XCTAssertEqual(try estimate("true ? 1 : [1, 2, 3].size()"), 1 + 1 + (1 + 4 + 3))
        XCTAssertEqual(try cost("1 + 2 * 3", Activation()), 5)
    }

    func testNestedMacrosMultiplyAndMatchTheWorstCase() throws {
        let src = "self.members.all(m, !self.leaders.exists(l, l == m))"
        XCTAssertEqual(try estimate(src), 1 + 2 + 10 * (1 + 1 + 2 + 10 * 3))
        // Worst case: every member passes and no leader matches, with lists of the assumed size.
        let members = Value.list((0..<10).map { .int($0) })
        let leaders = Value.list((100..<110).map { .int($0) })
        let record = Activation(["self": .map(MapValue(fields: [("members", members), ("leaders", leaders)]))])
        XCTAssertEqual(try cost(src, record), try estimate(src))
        // Smaller lists cost less.
        let small = Activation(["self": .map(MapValue(fields: [("members", .list([.int(1)])), ("leaders", .list([.int(1)]))]))])
        XCTAssertLessThan(try cost(src, small), try estimate(src))
    }

    func testCallsChargeTheirArgumentsSizes() throws {
        // size(x) charges x's length: unknown (10) for a variable, the literal's own length otherwise.
        XCTAssertEqual(try estimate("size(x)"), 1 + 1 + 10)
        XCTAssertEqual(try estimate("size(x)", sizes: ["x": 3]), 1 + 1 + 3)
        XCTAssertEqual(try estimate("size([1, 2])"), 1 + 3 + 2)
        XCTAssertEqual(try cost("size([1, 2])", Activation()), 1 + 3 + 2)
    }

    func testBindUsesTheValuesSizeAndOverflowSaturates() throws {
        XCTAssertEqual(try estimate("cel.bind(l, [1, 2], l.all(x, x > 0))"), 1 + 3 + (1 + 1 + 2 * 3))
        let deep = "a.all(x, a.all(y, a.all(z, a.all(w, a.all(v, true)))))"
        XCTAssertEqual(try estimate(deep, unknownSize: Int.max / 2), Int.max)
    }
}
