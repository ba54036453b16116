import XCTest
@testable import ConcordCEL

final class ParserTests: XCTestCase {
    func parseError(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> CELError? {
        do {
            _ = try Expression(parsing: source)
            XCTFail("expected a syntax error for \(source)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testErrorPointsAtOperator() {
        let e = parseError("self.x +* 2")
        XCTAssertEqual(e?.offset, 8)
        XCTAssertEqual(e?.column, 9)
    }

    func testOffsetsCountUnicodeScalars() throws {
        // 'é' is one scalar; the `*` after `+` is at scalar offset 6.
        let e = parseError("'é' + * 1")
        XCTAssertEqual(e?.offset, 6)
        let ex = try Expression(parsing: "'日本' == x")
        guard case .binary(.equal, let l, let r) = ex.root.kind else { return XCTFail("not ==") }
        XCTAssertEqual(l.offset, 0)
        XCTAssertEqual(l.length, 4)
        XCTAssertEqual(r.offset, 8)
    }

    func testNodePositions() throws {
        let ex = try Expression(parsing: "a && b.all(x, x > 0)")
        guard case .binary(.and, let a, let all) = ex.root.kind else { return XCTFail("not &&") }
        XCTAssertEqual(ex.root.offset, 0)
        XCTAssertEqual(ex.root.length, 20)
        XCTAssertEqual(a.offset, 0)
        XCTAssertEqual(a.length, 1)
        guard case .comprehension(let c) = all.kind else { return XCTFail("not a macro") }
        XCTAssertEqual(c.kind, .all)
        XCTAssertEqual(c.variable, "x")
        XCTAssertEqual(all.offset, 5)
        XCTAssertEqual(all.length, 15)
        XCTAssertEqual(c.range.offset, 5)
        let p = try XCTUnwrap(c.predicate)
        XCTAssertEqual(p.offset, 14)
        XCTAssertEqual(p.length, 5)
        XCTAssertEqual(ex.root.children.count, 2)
    }

    func testIdsAreUnique() throws {
        let ex = try Expression(parsing: "[1, 2].map(x, x * 2)[0] + {'a': 1}.a")
        var ids: [Int] = []
        func walk(_ e: Expr) { ids.append(e.id); e.children.forEach(walk) }
        walk(ex.root)
        XCTAssertEqual(Set(ids).count, ids.count)
    }

    func testMacrosKeptAsNodes() throws {
        let kinds: [(String, MacroKind)] = [
            ("l.all(x, x)", .all), ("l.exists(x, x)", .exists), ("l.exists_one(x, x)", .existsOne),
            ("l.map(x, x)", .map), ("l.map(x, x, x)", .map), ("l.filter(x, x)", .filter),
        ]
        for (src, kind) in kinds {
            let ex = try Expression(parsing: src)
            guard case .comprehension(let c) = ex.root.kind else { return XCTFail(src) }
            XCTAssertEqual(c.kind, kind, src)
        }
        let has = try Expression(parsing: "has(a.b)")
        guard case .has(_, let field) = has.root.kind else { return XCTFail("has") }
        XCTAssertEqual(field, "b")
        let plain = try Expression(parsing: "l.all(x, x)", options: ParseOptions(disableMacros: true))
        guard case .call(_, "all", let args) = plain.root.kind else { return XCTFail("call") }
        XCTAssertEqual(args.count, 2)
    }

    func testSyntaxErrors() {
        XCTAssertNotNil(parseError("1 +"))
        XCTAssertNotNil(parseError("(1"))
        XCTAssertEqual(parseError("'abc")?.offset, 0)
        XCTAssertEqual(parseError("x.y{a: 1}")?.message.contains("message construction"), true)
        XCTAssertEqual(parseError("if + 1")?.message.contains("reserved"), true)
        XCTAssertEqual(parseError("1 = 2")?.offset, 2)
        XCTAssertNotNil(parseError("9223372036854775808"))
        XCTAssertNotNil(parseError("'\\q'"))
        XCTAssertNotNil(parseError("has(a)"))
        XCTAssertNotNil(parseError("l.all(x.y, true)"))
        XCTAssertNotNil(parseError("b'\\u0041'"))
    }

    func testDepthLimit() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        XCTAssertEqual(parseError(deep)?.message.contains("nested too deeply"), true)
        let long = (0..<5000).map { _ in "1" }.joined(separator: " + ")
        XCTAssertEqual(parseError(long)?.message.contains("nested too deeply"), true)
        let lists = String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)
        XCTAssertNotNil(parseError(lists))
        XCTAssertNoThrow(try Expression(parsing: String(repeating: "-", count: 100) + "1"))
    }

    func testLiterals() throws {
        let cases: [(String, Value)] = [
            ("0x1F", .int(31)), ("0x1Fu", .uint(31)), ("12u", .uint(12)), ("1.5e3", .double(1500)),
            ("-9223372036854775808", .int(.min)), ("r'a\\nb'", .string("a\\nb")), ("'''a\nb'''", .string("a\nb")),
            ("b'\\xff'", .bytes([255])), ("'\\u00e9\\U0001F600'", .string("é😀")), ("'\\101'", .string("A")),
            ("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"\\`\\?\"", .string("\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\'\"`?")),
        ]
        for (src, expected) in cases {
            let ex = try Expression(parsing: src)
            guard case .literal(let v) = ex.root.kind else { XCTFail(src); continue }
            XCTAssertTrue(v.celEquals(expected) && v.celType == expected.celType, "\(src) -> \(v)")
        }
    }

    func testPrinter() throws {
        let ex = try Expression(parsing: "a.b[0] + f(1, 'x') > 2 && l.all(v, v.`x-y` == true)")
        let again = try Expression(parsing: ex.root.description)
        XCTAssertEqual(again.root.description, ex.root.description)
    }
}
