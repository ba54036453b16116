import Collections
import XCTest
@testable import ConcordCEL

final class EvaluatorTests: XCTestCase {
    func eval(_ src: String, _ activation: Activation = Activation(), evaluator: Evaluator = Evaluator(),
              file: StaticString = #filePath, line: UInt = #line) -> Value {
        do {
            return evaluator.evaluate(try Expression(parsing: src), activation)
        } catch {
            XCTFail("parse error \(error) in \(src)", file: file, line: line)
            return .error(error)
        }
    }

    func assertValue(_ src: String, _ expected: Value, _ activation: Activation = Activation(),
                     file: StaticString = #filePath, line: UInt = #line) {
        let v = eval(src, activation, file: file, line: line)
        XCTAssertTrue(v.celType == expected.celType && v.celEquals(expected), "\(src) = \(v), expected \(expected)",
                      file: file, line: line)
    }

    func assertError(_ src: String, containing text: String = "", _ activation: Activation = Activation(),
                     file: StaticString = #filePath, line: UInt = #line) {
        let v = eval(src, activation, file: file, line: line)
        guard case .error(let e) = v else { return XCTFail("\(src) = \(v), expected an error", file: file, line: line) }
        XCTAssertTrue(text.isEmpty || e.message.contains(text), "\(src): \(e.message)", file: file, line: line)
    }

    func testOverflowAndErrorAbsorption() {
        assertError("9223372036854775807 + 1", containing: "overflow")
        assertError("[1,2,3].all(x, x > 0) && 9223372036854775807 + 1 > 0", containing: "overflow")
        assertValue("false && (1/0 > 0)", .bool(false))
        assertValue("(1/0 > 0) && false", .bool(false))
        assertValue("true || (1/0 > 0)", .bool(true))
        assertValue("(1/0 > 0) || true", .bool(true))
        assertError("(1/0 > 0) || false", containing: "divide by zero")
        assertError("1 + 1u", containing: "no matching overload")
        assertError("-9223372036854775808 / -1", containing: "overflow")
        assertError("0u - 1u", containing: "overflow")
        assertError("5 % 0", containing: "modulus by zero")
        assertError("int(1e20)", containing: "range")
    }

    func testErrorOffsets() throws {
        let ex = try Expression(parsing: "x > 0 && 10 / y > 1")
        let v = Evaluator().evaluate(ex, Activation(["x": .int(1), "y": .int(0)]))
        guard case .error(let e) = v else { return XCTFail("expected error") }
        XCTAssertEqual(e.offset, 9) // `10 / y`
        XCTAssertEqual(e.length, 6)
    }

    func testEqualityAndOrdering() {
        assertValue("1 == 1.0 && 1.0 == 1u && 1u == 1", .bool(true))
        assertValue("1 == 'a'", .bool(false))
        assertValue("[1, 'a'] == [1, 'a'] && {'a': [1]} == {'a': [1.0]}", .bool(true))
        assertValue("1 < 1.5 && 2u > 1 && -1 < 0u", .bool(true))
        assertError("'a' < 1")
        assertValue("2 in [1, 2.0] && 'k' in {'k': 1} && 1u in {1: 'x'}", .bool(true))
        assertValue("type(1) == int && type('a') == string && type(type) == type", .bool(true))
    }

    func testStringsAndFunctions() {
        assertValue("size('héllo') == 5 && 'héllo'.size() == 5 && size([1,2]) == 2", .bool(true))
        assertValue("'abc'.contains('b') && 'abc'.startsWith('ab') && 'abc'.endsWith('bc')", .bool(true))
        assertValue("'hello world'.matches('o w') && !'abc'.matches('^b')", .bool(true))
        assertValue("'ab' + 'cd'", .string("abcd"))
        assertValue("[1] + [2]", .list([.int(1), .int(2)]))
        assertValue("'a,b'.split(',')", .list([.string("a"), .string("b")]))
        assertValue("string(1.5) + string(2u) + string(true)", .string("1.52true"))
    }

    func testTimestampsAndDurations() {
        assertValue("timestamp('2009-02-13T23:31:30Z') + duration('1h2m3.5s') == timestamp('2009-02-14T00:33:33.5Z')", .bool(true))
        assertValue("timestamp('2009-02-13T23:31:30-08:00').getHours()", .int(7))
        assertValue("timestamp('2009-02-13T23:31:30Z').getHours('America/Los_Angeles')", .int(15))
        assertValue("timestamp('2009-02-13T23:31:30Z').getDayOfWeek('+02:00')", .int(6))
        assertValue("duration('1h30m').getMinutes()", .int(90))
        assertError("timestamp('0000-01-01T00:00:00Z')")
    }

    func testMaps() {
        let m = Value.map(MapValue(fields: [("x", .int(2)), ("name", .string("a"))]))
        let act = Activation(["self": m])
        assertValue("self.x * 2", .int(4), act)
        assertError("self.missing", containing: "no such key", act)
        assertValue("has(self.x) && !has(self.missing)", .bool(true), act)
        assertValue("self.exists(k, k == 'name') && self.all(k, k.size() > 0)", .bool(true), act)
        assertValue("{1: 'a'}[1u] + {1u: 'b'}[1.0]", .string("ab"))
        assertError("{1: 'a', 1u: 'b'}", containing: "repeated key")
    }

    func testCostBudget() {
        let big = Value.list((0..<1000).map { Value.int(Int64($0)) })
        let act = Activation(["l": big])
        let tight = Evaluator(costLimit: 10_000)
        let v = eval("l.all(x, l.all(y, x + y >= 0))", act, evaluator: tight)
        guard case .error(let e) = v else { return XCTFail("expected budget error, got \(v)") }
        XCTAssertTrue(e.message.contains("cost budget exceeded"))
        // The budget error cannot be absorbed by || or &&.
        let w = eval("true || l.all(x, l.all(y, x + y >= 0)) || true", act, evaluator: tight)
        XCTAssertTrue(w.isError || w.isTrue) // `true ||` short-circuits before any cost is spent
        let u = eval("l.all(x, l.all(y, x + y >= 0)) || true", act, evaluator: tight)
        XCTAssertTrue(u.isError, "\(u)")
        let fine = eval("l.all(x, x >= 0)", act, evaluator: tight)
        XCTAssertTrue(fine.isTrue)
    }

    func testOrigins() {
        let list = ListValue([.int(1), .int(-2), .int(3)], origins: [Origin(id: 10), Origin(id: 11), Origin(id: 12)])
        XCTAssertEqual(list.origin(at: 1), Origin(id: 11))
        XCTAssertNil(list.origin(at: 5))
        let record = MapValue(fields: [("a", .int(1)), ("b", .list(list))], origins: [Origin(id: 1), Origin(id: 2)])
        XCTAssertEqual(record.origin(forField: "b"), Origin(id: 2))
        XCTAssertNil(record.origin(forField: "zzz"))
        var act = Activation()
        act.bind("self", to: .map(record), origin: Origin(id: 0))
        XCTAssertEqual(act.origin(of: "self"), Origin(id: 0))
        // filter keeps the origins of the elements it keeps.
        let v = eval("self.b.filter(x, x < 0)", act)
        guard case .list(let kept) = v else { return XCTFail("\(v)") }
        XCTAssertEqual(kept.count, 1)
        XCTAssertEqual(kept.origin(at: 0), Origin(id: 11))
    }

    /// Lists and maps computed from data remember the data they came from: `map()` and
    /// `filter()` results the list they ran over, `transformMap()` entries the list or map each
    /// value was computed from, map literal entries likewise.
    func testComputedCollectionsKeepTheirOrigin() {
        let items = ListValue([.int(1), .int(2)], origins: [Origin(id: 10), Origin(id: 11)], origin: Origin(id: 9))
        let record = MapValue(fields: [("items", .list(items))], origins: [Origin(id: 9)])
        var act = Activation()
        act.bind("self", to: .map(record), origin: Origin(id: 0))
        guard case .list(let doubled) = eval("self.items.map(x, x * 2)", act) else { return XCTFail("map") }
        XCTAssertEqual(doubled.origin, Origin(id: 9))
        XCTAssertNil(doubled.origin(at: 0))
        guard case .list(let kept) = eval("self.items.filter(x, x > 1)", act) else { return XCTFail("filter") }
        XCTAssertEqual(kept.origin, Origin(id: 9))
        XCTAssertEqual(kept.origin(at: 0), Origin(id: 11))
        guard case .map(let byName) = eval("{'a': self.items.map(x, x), 'b': 1}", act) else { return XCTFail("literal") }
        XCTAssertEqual(byName.origin(forField: "a"), Origin(id: 9))
        XCTAssertNil(byName.origin(forField: "b"))
        guard case .map(let t) = eval("{'r': self}.transformMap(k, v, v.items.map(x, x))", act) else { return XCTFail("transformMap") }
        XCTAssertEqual(t.origin(forField: "r"), Origin(id: 9))
        guard case .map(let u) = eval("{'r': 1}.transformMap(k, v, v + 1)", act) else { return XCTFail("transformMap") }
        XCTAssertNil(u.origin(forField: "r"))
        XCTAssertEqual(eval("self.items.map(x, x) == [1, 2]", act).isTrue, true)
    }

    func testBlameBySubExpression() throws {
        let list = ListValue([.int(1), .int(-2), .int(3)], origins: [Origin(id: 10), Origin(id: 11), Origin(id: 12)])
        let act = Activation(["self": .map(MapValue(fields: [("items", .list(list))]))])
        let ex = try Expression(parsing: "self.items.all(i, i > 0)")
        let evaluator = Evaluator()
        XCTAssertEqual(evaluator.evaluate(ex, act).isTrue, false)
        guard case .comprehension(let c) = ex.root.kind, let p = c.predicate,
              case .list(let items) = evaluator.evaluate(c.range, act) else { return XCTFail("shape") }
        var blamed: [Origin] = []
        for k in 0..<items.count where !evaluator.evaluate(p, act.binding(c.variable, to: items[k])).isTrue {
            if let o = items.origin(at: k) { blamed.append(o) }
        }
        XCTAssertEqual(blamed, [Origin(id: 11)])
    }

    func testCustomFunctionsAndChecker() throws {
        var functions = FunctionTable.standard
        functions.register("double_it", arity: 1) { args in
            guard case .int(let i) = args[0] else { return .error(.noMatchingOverload("double_it", args)) }
            return .int(i * 2)
        }
        functions.register("sum", style: .receiver, arity: 0) { args in
            guard case .list(let l) = args[0] else { return .error(.noMatchingOverload("sum", args)) }
            var total: Int64 = 0
            for v in l.elements { if case .int(let i) = v { total += i } }
            return .int(total)
        }
        let evaluator = Evaluator(functions: functions)
        let v = eval("double_it([1, 2, 3].sum())", evaluator: evaluator)
        XCTAssertTrue(v.celEquals(.int(12)), "\(v)")

        let checker = Checker(variables: ["self"], functions: functions)
        XCTAssertEqual(checker.check(try Expression(parsing: "self.items.all(i, double_it(i) > 0 && i.sum() > 0)")).count, 0)
        let errors = checker.check(try Expression(parsing: "other.x + double_it(1, 2) + nope(3) + self.size(1) + v"))
        XCTAssertEqual(errors.count, 5, "\(errors)")
        XCTAssertEqual(errors.first?.offset, 0)
        XCTAssertTrue(errors[0].message.contains("undeclared reference to 'other'"))
        XCTAssertTrue(errors[1].message.contains("double_it"))
        XCTAssertEqual(errors[1].offset, 10)
        XCTAssertTrue(errors[2].message.contains("unknown function 'nope'"))
        XCTAssertEqual(checker.check(try Expression(parsing: "int('1') + size('x') + timestamp('2000-01-01T00:00:00Z').getFullYear()")).count, 0)
    }

    func testExternalSourcesCloseWhenTheirValuesMayNoLongerBeRead() {
        let source = ExternalCollections()
        let list = Value.list(ListValue(external: ExternalNode(unsafeUnretained: source, id: 0)))
        XCTAssertTrue(source.isOpen)
        XCTAssertTrue(list.materialized().celEquals(.list(ListValue([]))))
        source.close()
        #if DEBUG
        XCTAssertFalse(source.isOpen, "debug builds check the lifetime of external values")
        #else
        XCTAssertTrue(source.isOpen, "release builds do not track it")
        #endif
    }

    func testFunctionsThatKeepTheirArgumentsOriginAreMarkedWhenRegistered() {
        let concord = FunctionTable.concord
        for name in ["size", "int", "uint", "double", "string", "date", "isDate", "isCountry", "isCurrency", "countryName"] {
            XCTAssertTrue(concord.keepsOrigin(name, style: .global, arity: 1), name)
        }
        for name in ["size", "lowerAscii", "upperAscii", "trim"] {
            XCTAssertTrue(concord.keepsOrigin(name, style: .receiver, arity: 0), name)
        }
        XCTAssertFalse(concord.keepsOrigin("contains", style: .receiver, arity: 1))
        XCTAssertFalse(concord.keepsOrigin("size", style: .global, arity: 2), "not registered")

        var table = FunctionTable()
        table.register("plain", arity: 1) { $0[0] }
        table.registerUnaryBoth("kept", keepsOrigin: true) { $0 }
        table.registerVariadic("many", keepsOrigin: true) { $0[0] }
        XCTAssertFalse(table.keepsOrigin("plain", style: .global, arity: 1))
        XCTAssertTrue(table.keepsOrigin("kept", style: .global, arity: 1))
        XCTAssertTrue(table.keepsOrigin("kept", style: .receiver, arity: 0))
        XCTAssertTrue(table.keepsOrigin("many", style: .global, arity: 3))
        var merged = FunctionTable()
        merged.register("kept", arity: 1) { $0[0] }
        merged.merge(table)
        XCTAssertTrue(merged.keepsOrigin("kept", style: .global, arity: 1), "the merged table's mark wins")
        table.register("kept", arity: 1) { $0[0] }
        XCTAssertFalse(table.keepsOrigin("kept", style: .global, arity: 1), "registering again replaces the mark")
    }

    func testTaggedJSON() throws {
        let json = try JSONValue.parse(#"{"map": [[{"string": "a"}, {"list": [{"int": "-1"}, {"uint": "2"}, {"double": "NaN"}, {"bytes": "AP8="}, {"null": null}]}]]}"#)
        let v = try Value(taggedJSON: json)
        XCTAssertEqual(v.taggedJSON, json)
        XCTAssertEqual(v.plainJSON.text, #"{"a":[-1,2,null,"AP8=",null]}"#)
        XCTAssertEqual(Value.int(1).taggedJSON.text, #"{"int":"1"}"#)
    }

    func testUnknownNamesAreRuntimeErrors() {
        assertError("x", containing: "undeclared reference")
        assertValue("x || true", .bool(true))
        assertError("nope(1)", containing: "unbound function")
    }
}
