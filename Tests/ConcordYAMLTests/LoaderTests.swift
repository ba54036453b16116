import ConcordDiagnostics
import XCTest
@testable import ConcordYAML

final class LoaderTests: XCTestCase {
    private func load(_ text: String, options: LoaderOptions = LoaderOptions()) -> LoadResult {
        YAMLLoader(options: options).load(text: text, file: "t.yaml")
    }

    private func load(bytes: [UInt8]) -> LoadResult {
        YAMLLoader().load(bytes: bytes, file: "t.yaml")
    }

    /// "line:col-line:col" of a range, end exclusive.
    private func span(_ r: SourceRange?) -> String {
        guard let r else { return "-" }
        return "\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)"
    }

    private func json(_ result: LoadResult) -> [String] {
        result.documents.map { JSONRenderer.render($0.root) }
    }

    // MARK: The Norway problem

    func testNorwayProblem() {
        let r = load("members: [NO, SE]\n")
        XCTAssertEqual(json(r), [#"{"members":["NO","SE"]}"#])
        XCTAssertEqual(r.diagnostics.count, 1)
        let d = r.diagnostics[0]
        XCTAssertEqual(d.ruleID, "yaml-ambiguous-scalar")
        XCTAssertEqual(d.severity, .warning)
        XCTAssertEqual(span(d.location.range), "1:11-1:13")
        XCTAssertEqual(d.location.range?.start.offset, 10)
        XCTAssertEqual(d.location.range?.end.offset, 12)
        XCTAssertEqual(d.message, #"`NO` is the string "NO" in YAML 1.2 but the boolean false in YAML 1.1; quote it ("NO") so every tool reads it the same"#)
    }

    func testYAML11ReadingsAreWarned() {
        let cases: [(String, String)] = [
            ("yes", "the boolean true"), ("off", "the boolean false"), ("y", "the boolean true"),
            ("012", "the octal integer 10"), ("1_000", "the integer 1000"), ("12:30", "the base-60 integer 750"),
            ("0b101", "the binary integer 5"), ("0o17", "the string \"0o17\""),
        ]
        for (text, reading) in cases {
            let r = load("v: \(text)\n")
            XCTAssertEqual(r.diagnostics.count, 1, text)
            XCTAssertTrue(r.diagnostics.first?.message.contains("but \(reading) in YAML 1.1") ?? false,
                          "\(text): \(r.diagnostics.first?.message ?? "none")")
            XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:4-1:\(4 + text.count)", text)
        }
    }

    func testUnambiguousScalarsAreNotWarned() {
        for text in ["2023-12-22", "\"NO\"", "'yes'", "true", "12", "1.5", "hello", "0x1F", "~", "NOR", "Norway"] {
            XCTAssertEqual(load("v: \(text)\n").diagnostics, [], text)
        }
    }

    // MARK: Core schema

    func testCoreSchemaResolution() {
        let r = load("""
            a: true
            b: False
            c: ~
            d:
            e: 0x1F
            f: 0o17
            g: -12
            h: 1.5e3
            i: .inf
            j: -.Inf
            k: .nan
            l: "12"
            m: !!str 12
            n: !!int "12"
            o: !!float 3
            p: 2023-12-22
            q: Null
            r: '~'
            s: 9223372036854775807
            """, options: { var o = LoaderOptions(); o.warnAmbiguousScalars = false; return o }())
        XCTAssertEqual(json(r), [#"{"a":true,"b":false,"c":null,"d":null,"e":31,"f":15,"g":-12,"h":1500.0,"i":".inf","j":"-.inf","k":".nan","l":"12","m":"12","n":12,"o":3.0,"p":"2023-12-22","q":null,"r":"~","s":9223372036854775807}"#])
        XCTAssertEqual(r.diagnostics, [])
    }

    func testIntegerEdgesOfTheCoreSchema() {
        let r = load("a: -9223372036854775808\nb: 9223372036854775808\nc: +12\nd: -0\ne: 0x7FFFFFFFFFFFFFFF\n",
                     options: { var o = LoaderOptions(); o.warnAmbiguousScalars = false; return o }())
        XCTAssertEqual(json(r), [#"{"a":-9223372036854775808,"b":9.223372036854776e+18,"c":12,"d":0,"e":9223372036854775807}"#])
    }

    func testScalarStylesAndTags() throws {
        let r = load("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\nf: !custom x\n")
        let root = try XCTUnwrap(r.documents.first?.root)
        func style(_ key: String) -> ScalarStyle? {
            if case let .scalar(_, _, style)? = root[key]?.content { return style }
            return nil
        }
        XCTAssertEqual(style("a"), .plain)
        XCTAssertEqual(style("b"), .singleQuoted)
        XCTAssertEqual(style("c"), .doubleQuoted)
        XCTAssertEqual(style("d"), .literal)
        XCTAssertEqual(style("e"), .folded)
        XCTAssertEqual(root["f"]?.tag, "!custom")
        XCTAssertEqual(root["f"]?.stringValue, "x")
        XCTAssertEqual(root["d"]?.stringValue, "lit\n")
    }

    func testTagMismatchIsReported() {
        let r = load("a: !!int twelve\n")
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-tag-mismatch"])
        XCTAssertEqual(r.diagnostics.first?.message, #""twelve" is tagged !!int but is not a valid int value"#)
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:4-1:16")
    }

    // MARK: Ranges

    func testRangesCountUnicodeScalarsAndBytes() throws {
        let r = load("name: \"Kyïv → Île\"\nx: é\n")
        let root = try XCTUnwrap(r.documents.first?.root)
        let name = try XCTUnwrap(root["name"])
        XCTAssertEqual(span(name.range), "1:7-1:19")
        XCTAssertEqual(name.range.start.offset, 6)
        XCTAssertEqual(name.range.end.offset, 6 + "\"Kyïv → Île\"".utf8.count)
        let x = try XCTUnwrap(root["x"])
        XCTAssertEqual(span(x.range), "2:4-2:5")
        XCTAssertEqual(x.range.start.offset, "name: \"Kyïv → Île\"\nx: ".utf8.count)
    }

    func testByteOrderMarkIsSkippedButCountedInOffsets() throws {
        let r = load(bytes: [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8))
        XCTAssertTrue(r.succeeded)
        let b = try XCTUnwrap(r.documents.first?.root["a"])
        XCTAssertEqual(span(b.range), "1:4-1:5")
        XCTAssertEqual(b.range.start.offset, 6)
    }

    func testBlockCollectionsEndAtTheirLastChild() throws {
        let r = load("a:\n  - 1\n  - 2\n\n# trailing comment\nb: {x: 1}\n")
        let root = try XCTUnwrap(r.documents.first?.root)
        XCTAssertEqual(span(root["a"]?.range), "2:3-3:6")
        XCTAssertEqual(span(root["b"]?.range), "6:4-6:10")
        XCTAssertEqual(span(root.keyNode("b")?.range), "6:1-6:2")
    }

    // MARK: Errors

    func testDuplicateKeyPointsAtTheSecondWithTheFirstRelated() {
        let r = load("id: a\nname: x\nid: b\n")
        XCTAssertEqual(r.diagnostics.count, 1)
        let d = r.diagnostics[0]
        XCTAssertEqual(d.ruleID, "yaml-duplicate-key")
        XCTAssertEqual(d.message, #"duplicate key "id" in this mapping"#)
        XCTAssertEqual(span(d.location.range), "3:1-3:3")
        XCTAssertEqual(d.related.map { span($0.location.range) }, ["1:1-1:3"])
        XCTAssertEqual(json(r), [#"{"id":"a","name":"x"}"#], "the first value is kept")
    }

    func testDuplicateKeysCompareResolvedValues() {
        let r = load("{1: a, 0x1: b, \"1\": c}\n")
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-duplicate-key"])
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:8-1:11")
    }

    func testDuplicateKeysOfShortAndLongTextsWhateverTheirStyle() {
        // Up to seven bytes a key is compared by its exact code, beyond by its text.
        let r = load("abcdefg: 1\nabcdefgh: 2\n\"abcdefg\": 3\n'abcdefgh': 4\nabcdefgi: 5\n")
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-duplicate-key", "yaml-duplicate-key"])
        XCTAssertEqual(r.diagnostics.map(\.message),
                       [#"duplicate key "abcdefg" in this mapping"#, #"duplicate key "abcdefgh" in this mapping"#])
        XCTAssertEqual(r.diagnostics.map { span($0.location.range) }, ["3:1-3:10", "4:1-4:11"])
        XCTAssertEqual(r.diagnostics.map { $0.related.map { span($0.location.range) } }, [["1:1-1:8"], ["2:1-2:9"]])
    }

    func testDuplicateKeysInLargeMappings() {
        var text = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n")
        text += "\nk7: again\n"
        let r = load(text)
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-duplicate-key"])
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "41:1-41:3")
        XCTAssertEqual(r.diagnostics.first?.related.first.map { span($0.location.range) }, "8:1-8:3")
    }

    func testUndefinedAlias() {
        let r = load("a: &x 1\nb: *y\n")
        XCTAssertEqual(r.diagnostics.count, 1)
        XCTAssertEqual(r.diagnostics[0].ruleID, "yaml-undefined-alias")
        XCTAssertEqual(r.diagnostics[0].message, "alias *y refers to no anchor &y defined before it")
        XCTAssertEqual(span(r.diagnostics[0].location.range), "2:4-2:6")
    }

    func testAliasesShareTheAnchoredNode() throws {
        let r = load("base: &b {x: 1}\ncopy: *b\nlist: [*b, *b]\n")
        let root = try XCTUnwrap(r.documents.first?.root)
        let base = try XCTUnwrap(root["base"]), copy = try XCTUnwrap(root["copy"])
        XCTAssertEqual(base, copy)
        XCTAssertTrue(root["list"]?.sequence?.allSatisfy { $0 == base } ?? false)
        XCTAssertEqual(json(r), [#"{"base":{"x":1},"copy":{"x":1},"list":[{"x":1},{"x":1}]}"#])
    }

    func testRecursiveAliasIsAnError() {
        let r = load("a: &x [1, *x]\n")
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-undefined-alias"])
        XCTAssertEqual(r.diagnostics.first?.message, "alias *x refers to a node that contains it (a recursive alias)")
    }

    func testMergeKeys() {
        let r = load("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n")
        XCTAssertEqual(json(r), [#"{"base":{"x":1,"y":2},"item":{"y":3,"x":1}}"#])
        let bad = load("item:\n  <<: 5\n")
        XCTAssertEqual(bad.diagnostics.map(\.ruleID), ["yaml-invalid-merge"])
        XCTAssertEqual(span(bad.diagnostics.first?.location.range), "2:7-2:8")
    }

    func testBillionLaughsStopsFast() {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = Array("abcdefghi").map(String.init)
        for i in 1..<names.count {
            let prev = names[i - 1]
            lines.append("\(names[i]): &\(names[i]) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]")
        }
        let r = load(lines.joined(separator: "\n") + "\n")
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.count, 1)
        XCTAssertEqual(r.diagnostics.first?.ruleID, "yaml-alias-limit")
        XCTAssertEqual(r.diagnostics.first?.location.range?.start.line, 7)
        XCTAssertEqual(r.documents.count, 0)
    }

    func testDeepNestingStopsWithAClearError() {
        let r = load(String(repeating: "[", count: 10_000) + "\n")
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.count, 1)
        XCTAssertEqual(r.diagnostics.first?.ruleID, "yaml-depth-limit")
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:513-1:514")
        XCTAssertEqual(r.diagnostics.first?.message, "nesting deeper than 512 levels; loading stopped")
    }

    /// A large file that stops early (here at the depth limit, after many batches of events)
    /// stops the parsing thread and reports as a small one does.
    func testPipelinedLoadingStopsEarly() {
        let records = String(repeating: "- {id: x, values: [1, 2, 3]}\n", count: 50_000)
        let text = records + "- " + String(repeating: "[", count: 600) + "\n" + records
        var options = LoaderOptions()
        options.pipelineMinimumBytes = 0
        let r = YAMLLoader(options: options).load(text: text, file: "big.yaml")
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-depth-limit"])
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "50001:514-50001:515")
        options.pipelineMinimumBytes = .max
        let direct = YAMLLoader(options: options).load(text: text, file: "big.yaml")
        XCTAssertEqual(direct.diagnostics, r.diagnostics)
    }

    func testSyntaxErrorAtLibyamlsProblemMarkWithContext() {
        let r = load("key: [1, 2\nother: 3\n")
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.count, 1)
        let d = r.diagnostics[0]
        XCTAssertEqual(d.ruleID, "yaml-syntax")
        XCTAssertEqual(d.message, "did not find expected ',' or ']' (while parsing a flow sequence)")
        XCTAssertEqual(span(d.location.range), "2:6-2:6")
        XCTAssertEqual(d.related.map { span($0.location.range) }, ["1:6-1:6"])
    }

    func testMappingValueSyntaxError() {
        let r = load("a: b: c\n")
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-syntax"])
        XCTAssertEqual(r.diagnostics.first?.message, "mapping values are not allowed in this context")
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:5-1:5")
    }

    // MARK: Encodings and odd files

    func testInvalidUTF8() {
        let r = load(bytes: Array("a: 1\nname: caf".utf8) + [0xE9, 0x0A])
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-encoding"])
        XCTAssertEqual(r.diagnostics.first?.message, "invalid UTF-8 byte sequence; the file is not UTF-8 text")
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "2:10-2:11")
        XCTAssertEqual(r.diagnostics.first?.location.range?.start.offset, 14)
    }

    func testNulByteMeansBinary() {
        let r = load(bytes: Array("ab".utf8) + [0] + Array(": 1\n".utf8))
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["yaml-encoding"])
        XCTAssertEqual(r.diagnostics.first?.message, "NUL byte in the file; it looks like a binary file, not YAML text")
        XCTAssertEqual(span(r.diagnostics.first?.location.range), "1:3-1:4")
    }

    func testUTF16IsRejectedClearly() {
        let r = load(bytes: [0xFF, 0xFE, 0x61, 0x00])
        XCTAssertEqual(r.diagnostics.map(\.message), ["the file is UTF-16 (little-endian); Concord reads UTF-8 only"])
    }

    func testEmptyAndCommentOnlyFilesHaveNoDocuments() {
        for text in ["", "# only a comment\n", "\n\n"] {
            let r = load(text)
            XCTAssertTrue(r.succeeded)
            XCTAssertEqual(r.documents.count, 0)
            XCTAssertEqual(r.diagnostics, [])
        }
    }

    func testMultipleDocumentsAreAllLoadedAndNamed() {
        let r = load("a: 1\n---\nb: *x\n---\nc: 3\n")
        XCTAssertEqual(json(r), [#"{"a":1}"#, #"{"b":null}"#, #"{"c":3}"#])
        XCTAssertEqual(r.documents.map(\.index), [1, 2, 3])
        XCTAssertEqual(r.diagnostics.first?.location.document, 2)
        XCTAssertTrue(r.documents[0].file.isMultiDocument)
        let single = load("b: *x\n")
        XCTAssertNil(single.diagnostics.first?.location.document)
    }

    func testUnreadableFile() {
        let r = YAMLLoader().load(path: "/nonexistent/concord/file.yaml")
        XCTAssertFalse(r.succeeded)
        XCTAssertEqual(r.diagnostics.map(\.ruleID), ["file-unreadable"])
        XCTAssertEqual(r.diagnostics.first?.message, "cannot read the file: No such file or directory")
        XCTAssertNil(r.diagnostics.first?.location.range)
    }

    func testPositionsDump() throws {
        let r = load("a: [x]\n")
        let root = try XCTUnwrap(r.documents.first?.root)
        XCTAssertEqual(JSONRenderer.render(root, positions: true),
                       #"{"kind":"mapping","range":{"start":{"line":1,"column":1,"offset":0},"end":{"line":1,"column":7,"offset":6}},"entries":[{"key":{"kind":"scalar","style":"plain","range":{"start":{"line":1,"column":1,"offset":0},"end":{"line":1,"column":2,"offset":1}},"value":"a"},"value":{"kind":"sequence","range":{"start":{"line":1,"column":4,"offset":3},"end":{"line":1,"column":7,"offset":6}},"items":[{"kind":"scalar","style":"plain","range":{"start":{"line":1,"column":5,"offset":4},"end":{"line":1,"column":6,"offset":5}},"value":"x"}]}}]}"#)
    }
}
