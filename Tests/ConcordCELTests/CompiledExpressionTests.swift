import XCTest
@testable import ConcordCEL

/// A compiled expression evaluates like its syntax tree: scoping, costs and error positions.
final class CompiledExpressionTests: XCTestCase {
    func testCompiledOnceEvaluatedMany() throws {
        let evaluator = Evaluator()
        let ex = try Expression(parsing: "self.items.all(x, x > 0) && self.kind in ['a', 'b']")
        let compiled = evaluator.compile(ex.root)
        for (items, kind, expected) in [([1, 2], "a", true), ([1, -2], "a", false), ([3], "c", false)] {
            let record = Value.map(MapValue(fields: [("items", .list(items.map { Value.int(Int64($0)) })), ("kind", .string(kind))]))
            let activation = Activation(["self": record])
            XCTAssertEqual(evaluator.evaluate(compiled, activation).isTrue, expected)
            XCTAssertEqual(evaluator.evaluate(ex.root, activation).isTrue, expected)
        }
    }

    func testComprehensionVariablesShadowActivationVariables() throws {
        let evaluator = Evaluator()
        let activation = Activation(["x": .int(100), "l": .list([.int(1), .int(2)])])
        let ex = try Expression(parsing: "l.map(x, l.map(y, x * 10 + y)) == [[11, 12], [21, 22]] && x == 100")
        XCTAssertTrue(evaluator.evaluate(evaluator.compile(ex.root), activation).isTrue)
        // A predicate evaluated alone (as blame does) reads the variable from the activation.
        guard case .comprehension(let c) = try Expression(parsing: "l.all(x, x > 1)").root.kind, let p = c.predicate else {
            return XCTFail("expected a comprehension")
        }
        XCTAssertTrue(evaluator.evaluate(p, activation).isTrue)
        XCTAssertFalse(evaluator.evaluate(p, activation.binding("x", to: .int(1))).isTrue)
    }

    func testCostsAndPositions() throws {
        let evaluator = Evaluator()
        // One unit per node, literal lists included.
        XCTAssertEqual(evaluator.evaluateWithCost(try Expression(parsing: "[1, [2, 3]]").root, Activation()).cost, 5)
        // Evaluation stops at the node that exceeds the budget.
        let tight = Evaluator(costLimit: 2)
        let (v, cost) = tight.evaluateWithCost(try Expression(parsing: "[1, 2, 3]").root, Activation())
        XCTAssertTrue(v.isError)
        XCTAssertEqual(cost, 3)
        // An error is located at the node that produced it.
        guard case .error(let e) = evaluator.evaluate(try Expression(parsing: "true && 1 / 0 == 1"), Activation()) else {
            return XCTFail("expected an error")
        }
        XCTAssertEqual(e.offset, 8)
        guard case .error(let u) = evaluator.evaluate(try Expression(parsing: "1 + nope(2)"), Activation()) else {
            return XCTFail("expected an error")
        }
        XCTAssertEqual(u.message, "unbound function 'nope'")
        XCTAssertEqual(u.offset, 4)
    }

    /// Fields of activation variables are read once per binding in a context (`FieldCache`):
    /// the results, the costs and the error positions are those of evaluations without it.
    func testFieldsReadOncePerBindingGiveWhatFreshEvaluationsGive() throws {
        let evaluator = Evaluator()
        let sources = [
            "has(self.kind) && self.kind == 'a'",
            "has(self.amount) ? self.amount + self.amount : -1",
            "self.kind + string(has(self.amount))",
            "self.items.all(self, self > 0)",
            "self.missing",
            "size(self.kind) > 0 && self.missing == 1",
        ]
        let compiled = try sources.map { evaluator.compile(try Expression(parsing: $0).root) }
        let records: [Value] = [
            .map(MapValue(fields: [("kind", .string("a")), ("amount", .int(2)), ("items", .list([.int(1)]))])),
            .map(MapValue(fields: [("kind", .string("b")), ("items", .list([.int(-1)]))])),
            .map(MapValue(fields: [("amount", .int(5)), ("kind", .string("a")), ("items", .list([]))])),
            .int(3),
        ]
        var context = EvaluationContext(Activation(["dataset": .null]))
        for record in records {
            context.bind("self", to: record)
            // Each expression twice in the same context: the second one reads the cache.
            for _ in 0..<2 {
                for (source, code) in zip(sources, compiled) {
                    let cached = evaluator.evaluate(code, in: &context)
                    let cachedCost = context.frame.cost
                    let (fresh, freshCost) = evaluator.evaluateWithCost(code, Activation(["dataset": .null, "self": record]))
                    XCTAssertEqual(String(describing: cached), String(describing: fresh), "\(source) on \(record)")
                    XCTAssertEqual(cachedCost, freshCost, "cost of \(source) on \(record)")
                    if case .error(let a) = cached, case .error(let b) = fresh {
                        XCTAssertEqual(a.offset, b.offset, "error position of \(source)")
                        XCTAssertEqual(a.length, b.length, "error length of \(source)")
                    }
                }
            }
        }
        // The same budget is exceeded at the same node with and without the cache.
        let tight = Evaluator(costLimit: 4)
        let code = tight.compile(try Expression(parsing: "self.kind == self.kind && self.kind == 'a'").root)
        var tightContext = EvaluationContext(Activation())
        tightContext.bind("self", to: records[0])
        _ = tight.evaluate(code, in: &tightContext)
        XCTAssertTrue(tight.evaluate(code, in: &tightContext).isError)
        XCTAssertEqual(tightContext.frame.cost, tight.evaluateWithCost(code, Activation(["self": records[0]])).cost)
    }
}
