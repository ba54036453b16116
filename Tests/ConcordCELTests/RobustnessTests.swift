import Foundation
import XCTest
@testable import ConcordCEL

final class RobustnessTests: XCTestCase {
    /// The deepest expression the parser accepts can be parsed, checked and evaluated on a
    /// thread with a modest stack (4 MiB covers unoptimized debug builds, whose frames are
    /// several times larger than release ones), and deeper ones are rejected, not crashed on.
    func testMaxDepthOnSmallStack() {
        let depth = ParseOptions().maxDepth - 1
        let source = String(repeating: "-", count: depth - 1) + "x"
        let nested = String(repeating: "[", count: depth - 1) + "1" + String(repeating: "]", count: depth - 1)
        let done = expectation(description: "evaluated")
        let thread = Thread {
            defer { done.fulfill() }
            guard let ex = try? Expression(parsing: source), let ex2 = try? Expression(parsing: nested) else {
                return XCTFail("should parse")
            }
            XCTAssertEqual(Checker(variables: ["x"]).check(ex).count, 0)
            let v = Evaluator().evaluate(ex, Activation(["x": .int(1)]))
            XCTAssertTrue(v.celEquals(.int(1)) || v.celEquals(.int(-1)), "\(v)")
            XCTAssertFalse(Evaluator().evaluate(ex2, Activation()).isError)
            _ = ex.root.description
            let tooDeep = String(repeating: "[", count: depth + 5) + String(repeating: "]", count: depth + 5)
            XCTAssertNil(try? Expression(parsing: tooDeep))
            let longChain = (0..<2000).map { "x == \($0)" }.joined(separator: " || ")
            XCTAssertNotNil(try? Expression(parsing: longChain), "|| chains are balanced, not deep")
        }
        thread.stackSize = 4 << 20
        thread.start()
        wait(for: [done], timeout: 60)
    }

    /// Field access on many records stays fast (O(1) lookups).
    func testManyRecords() throws {
        let records: [Value] = (0..<200_000).map { i in
            .map(MapValue(fields: [("id", .int(Int64(i))), ("name", .string("n\(i)")), ("price", .double(Double(i) / 10))]))
        }
        let ex = try Expression(parsing: "self.price >= 0.0 && self.name.size() > 1 && has(self.id)")
        let evaluator = Evaluator()
        var ok = 0
        for r in records where evaluator.evaluate(ex, Activation(["self": r])).isTrue { ok += 1 }
        // Every record is judged (speed is the benchmarks' business, not a unit test's).
        XCTAssertEqual(ok, records.count)
        // One big list in a single evaluation: the cost budget scales with the data.
        let all = Activation(["data": .list(ListValue(records))])
        let v = Evaluator(costLimit: 10_000_000).evaluate(try Expression(parsing: "data.all(r, r.price >= 0.0)"), all)
        XCTAssertTrue(v.isTrue, "\(v)")
    }

    func testGarbageNeverCrashes() {
        let samples = ["", " ", "(", ")", "[", "{", "}", "'", "\"\"\"", "r'", "b'\\u0000'", "1..2", ".5", "a.", "a[",
                       "a?b", "a?b:", "!", "-", "in", "x in", "`", "a.`b", "\\", "0x", "1e", "1u2", "'\\x4'", "'\\U0011FFFF'",
                       "{1:2,}", "[1,]", "f(,)", "a.b(", "has(", "x.all(", "x.map(y)", "1 < 2 < 3", "--9223372036854775808"]
        for s in samples {
            if let ex = try? Expression(parsing: s) {
                _ = Evaluator().evaluate(ex, Activation())
                _ = Checker(variables: []).check(ex)
            }
        }
    }
}
