import ConcordDiagnostics
import ConcordYAML
import XCTest
@testable import ConcordRules

/// The editor's edits are byte-exact: each test edits a file with comments, both styles,
/// quoting or CRLF line ends, and checks the whole text after the edit (so every byte outside
/// the edit is compared), that it still loads, and what it loads to.
final class YAMLEditorTests: XCTestCase {
    private func load(_ text: String) -> YAMLFile {
        let result = YAMLLoader().load(text: text, file: "t.yaml")
        XCTAssertTrue(result.succeeded, "loads: \(result.diagnostics.map(\.message))")
        return result.yamlFile ?? YAMLLoader().load(text: "{}", file: "t.yaml").yamlFile!
    }

    private func root(_ file: YAMLFile) -> YAMLNode { file.documents[0].root }

    /// Applies one edit and checks that the result loads.
    private func apply(_ edit: TextEdit?, to file: YAMLFile, line: UInt = #line) -> String {
        guard let edit else {
            XCTFail("no edit", line: line)
            return ""
        }
        let fix = Fix(description: "t", applicability: .safe, edits: [edit])
        let outcome = FixApplier.apply([fix], to: [file.path: file.bytes])
        let text = String(decoding: outcome.texts[file.path] ?? file.bytes, as: UTF8.self)
        let reloaded = YAMLLoader().load(text: text, file: "t.yaml")
        XCTAssertTrue(reloaded.succeeded, "result loads: \(reloaded.diagnostics.map(\.message))\n\(text)", line: line)
        return text
    }

    // MARK: Replacing values

    func testReplaceKeepsQuotingStyleAndComments() {
        let file = load("""
            # head
            a: "x"   # double
            b: 'y'   # single
            c: z     # plain
            d: 3
            """)
        let editor = YAMLEditor(file)
        var text = apply(editor.set("a", of: root(file), to: .string("new \"q\"")), to: file)
        XCTAssertEqual(text, "# head\na: \"new \\\"q\\\"\"   # double\nb: 'y'   # single\nc: z     # plain\nd: 3")
        text = apply(editor.set("b", of: root(file), to: .string("it's")), to: file)
        XCTAssertEqual(text, "# head\na: \"x\"   # double\nb: 'it''s'   # single\nc: z     # plain\nd: 3")
        text = apply(editor.set("c", of: root(file), to: .string("w")), to: file)
        XCTAssertEqual(text, "# head\na: \"x\"   # double\nb: 'y'   # single\nc: w     # plain\nd: 3")
        // A plain scalar that would not read back as the same string is double-quoted.
        text = apply(editor.set("c", of: root(file), to: .string("NO")), to: file)
        XCTAssertEqual(text, "# head\na: \"x\"   # double\nb: 'y'   # single\nc: \"NO\"     # plain\nd: 3")
        // A number is written plain, even into a quoted scalar.
        text = apply(editor.set("a", of: root(file), to: .int(12)), to: file)
        XCTAssertEqual(text, "# head\na: 12   # double\nb: 'y'   # single\nc: z     # plain\nd: 3")
    }

    func testReplaceInFlowStaysFlow() {
        let file = load("m: {id: a, members: [\"EE\", \"LU\"], member_count: 3}  # c\n")
        let editor = YAMLEditor(file)
        let m = root(file)["m"]!
        XCTAssertEqual(apply(editor.set("member_count", of: m, to: .int(2)), to: file),
                       "m: {id: a, members: [\"EE\", \"LU\"], member_count: 2}  # c\n")
        XCTAssertEqual(apply(editor.set("members", of: m, to: .list([.string("EE"), .string("a,b")])), to: file),
                       "m: {id: a, members: [EE, \"a,b\"], member_count: 3}  # c\n")
        XCTAssertEqual(apply(editor.set("id", of: m, to: .string("x:y")), to: file),
                       "m: {id: \"x:y\", members: [\"EE\", \"LU\"], member_count: 3}  # c\n")
    }

    func testReplaceBlockListStaysBlock() {
        let file = load("a:\n  - x   # one\n  - y\nb: 1\n")
        let editor = YAMLEditor(file)
        XCTAssertEqual(apply(editor.set("a", of: root(file), to: .list([.string("p"), .string("q"), .string("r")])), to: file),
                       "a:\n  - p\n  - q\n  - r\nb: 1\n")
    }

    func testReplaceKeepsAnchorAndTag() {
        let file = load("a: &x !!str 5\nb: *x\n")
        let editor = YAMLEditor(file)
        XCTAssertEqual(apply(editor.replace(root(file)["a"]!, with: .string("six")), to: file), "a: &x !!str six\nb: *x\n")
    }

    func testReplaceBlockScalar() {
        let file = load("a: |\n  line one\n  line two\nb: 1\n")
        let editor = YAMLEditor(file)
        XCTAssertEqual(apply(editor.replace(root(file)["a"]!, with: .string("short")), to: file), "a: \"short\"\nb: 1\n")
    }

    // MARK: Adding keys

    func testAddKeyToBlockMappingUsesItsIndentation() {
        let file = load("""
            items:
              - id: a   # first
                name: A

              # comment before b
              - id: b
            """)
        let editor = YAMLEditor(file)
        let first = root(file)["items"]!.sequence![0]
        XCTAssertEqual(apply(editor.set("count", of: first, to: .int(2)), to: file), """
            items:
              - id: a   # first
                name: A
                count: 2

              # comment before b
              - id: b
            """)
        let second = root(file)["items"]!.sequence![1]
        XCTAssertEqual(apply(editor.set("name", of: second, to: .string("B")), to: file), """
            items:
              - id: a   # first
                name: A

              # comment before b
              - id: b
                name: B
            """)
    }

    func testAddKeyToFlowMapping() {
        let file = load("- {id: a, kind: x}\n- {}\n")
        let editor = YAMLEditor(file)
        XCTAssertEqual(apply(editor.set("currency", of: root(file).sequence![0], to: .string("EUR")), to: file),
                       "- {id: a, kind: x, currency: EUR}\n- {}\n")
        XCTAssertEqual(apply(editor.set("currency", of: root(file).sequence![1], to: .string("EUR")), to: file),
                       "- {id: a, kind: x}\n- {currency: EUR}\n")
    }

    func testCRLFLineEndsAreKept() {
        let file = load("a: 1\r\nb:\r\n  c: 2  # note\r\n  d: [x, y]\r\ne: 'z'\r\n")
        let editor = YAMLEditor(file)
        let b = root(file)["b"]!
        XCTAssertEqual(apply(editor.set("f", of: b, to: .int(3)), to: file),
                       "a: 1\r\nb:\r\n  c: 2  # note\r\n  d: [x, y]\r\n  f: 3\r\ne: 'z'\r\n")
        XCTAssertEqual(apply(editor.remove(b["c"]!), to: file), "a: 1\r\nb:\r\n  d: [x, y]\r\ne: 'z'\r\n")
        XCTAssertEqual(apply(editor.rename(b.keyNode("d")!, to: "dd"), to: file),
                       "a: 1\r\nb:\r\n  c: 2  # note\r\n  dd: [x, y]\r\ne: 'z'\r\n")
    }

    // MARK: Removing

    func testRemoveBlockListItemTakesItsLines() {
        let file = load("m:\n  - \"EE\"\n  - \"LU\"  # dup?\n  - {country: \"EE\",\n     joined: \"2024\"}\nn: 1\n")
        let editor = YAMLEditor(file)
        let items = root(file)["m"]!.sequence!
        XCTAssertEqual(apply(editor.remove(items[1]), to: file), "m:\n  - \"EE\"\n  - {country: \"EE\",\n     joined: \"2024\"}\nn: 1\n")
        XCTAssertEqual(apply(editor.remove(items[2]), to: file), "m:\n  - \"EE\"\n  - \"LU\"  # dup?\nn: 1\n")
    }

    func testRemoveFlowItemTakesOneComma() {
        let file = load("m: [\"EE\", \"LU\", \"EE\"]\n")
        let editor = YAMLEditor(file)
        let items = root(file)["m"]!.sequence!
        XCTAssertEqual(apply(editor.remove(items[0]), to: file), "m: [\"LU\", \"EE\"]\n")
        XCTAssertEqual(apply(editor.remove(items[1]), to: file), "m: [\"EE\", \"EE\"]\n")
        XCTAssertEqual(apply(editor.remove(items[2]), to: file), "m: [\"EE\", \"LU\"]\n")
        let single = load("m: [ x ]\n")
        XCTAssertEqual(apply(YAMLEditor(single).remove(root(single)["m"]!.sequence![0]), to: single), "m: []\n")
    }

    func testRemoveOnlyBlockItemLeavesAnEmptyList() {
        let file = load("m:\n  - x\nn: 1\n")
        XCTAssertEqual(apply(YAMLEditor(file).remove(root(file)["m"]!.sequence![0]), to: file), "m:\n  []\nn: 1\n")
    }

    func testRemovePairs() {
        let file = load("- id: a\n  name: A  # the name\n  extra:\n    - 1\n    - 2\n  last: z\n")
        let editor = YAMLEditor(file)
        let record = root(file).sequence![0]
        XCTAssertEqual(apply(editor.remove(record["name"]!), to: file), "- id: a\n  extra:\n    - 1\n    - 2\n  last: z\n")
        XCTAssertEqual(apply(editor.remove(record["extra"]!), to: file), "- id: a\n  name: A  # the name\n  last: z\n")
        XCTAssertEqual(apply(editor.remove(record.keyNode("id")!), to: file), "- name: A  # the name\n  extra:\n    - 1\n    - 2\n  last: z\n")
        let flow = load("{a: 1, b: 2}")
        XCTAssertEqual(apply(YAMLEditor(flow).remove(root(flow)["b"]!), to: flow), "{a: 1}")
    }

    func testRemoveLastLineWithoutLineBreak() {
        let file = load("a: 1\nb: 2")
        XCTAssertEqual(apply(YAMLEditor(file).remove(root(file)["b"]!), to: file), "a: 1")
    }

    func testRenameAndQuote() {
        let file = load("{member_cout: 2, 'kind': x, c: NO}")
        let editor = YAMLEditor(file)
        XCTAssertEqual(apply(editor.rename(root(file).keyNode("member_cout")!, to: "member_count"), to: file),
                       "{member_count: 2, 'kind': x, c: NO}")
        XCTAssertEqual(apply(editor.rename(root(file).keyNode("kind")!, to: "type"), to: file), "{member_cout: 2, 'type': x, c: NO}")
        XCTAssertEqual(apply(editor.quote(root(file)["c"]!), to: file), "{member_cout: 2, 'kind': x, c: \"NO\"}")
        XCTAssertNil(editor.rename(root(file)["c"]!, to: "d"), "a value is not a key")
    }

    func testRemoveComment() {
        let file = load("a: 1  # concord-ignore: x why\n# concord-ignore: y\nb: 2\n")
        let editor = YAMLEditor(file)
        // "a: 1  " is 6 bytes, the first comment 23; the second line starts at 30.
        XCTAssertEqual(apply(editor.removeComment(start: 6, end: 29), to: file), "a: 1\n# concord-ignore: y\nb: 2\n")
        XCTAssertEqual(apply(editor.removeComment(start: 30, end: 49), to: file), "a: 1  # concord-ignore: x why\nb: 2\n")
        XCTAssertNil(editor.removeComment(start: 0, end: 4), "not a comment")
    }

    // MARK: Applying

    func testOverlappingFixesWaitForTheNextRound() {
        let file = load("a: 1\nb: 2\n")
        let editor = YAMLEditor(file)
        let one = Fix(description: "one", applicability: .safe, edits: [editor.set("a", of: root(file), to: .int(5))!])
        let two = Fix(description: "two", applicability: .safe, edits: [editor.remove(root(file)["a"]!)!])
        let three = Fix(description: "three", applicability: .safe, edits: [editor.set("b", of: root(file), to: .int(7))!])
        let outcome = FixApplier.apply([one, two, three], to: [file.path: file.bytes])
        XCTAssertEqual(outcome.applied.map(\.description), ["one", "three"])
        XCTAssertEqual(outcome.deferred.map(\.description), ["two"])
        XCTAssertEqual(String(decoding: outcome.texts[file.path]!, as: UTF8.self), "a: 5\nb: 7\n")
    }

    func testWriterNeverWritesAnAmbiguousPlainScalar() {
        for text in ["NO", "yes", "on", "012", "1_000", "12:30", "true", "null", "~", "1e3", "- x", "a: b", "a #b", "", " x", "x:"] {
            XCTAssertFalse(YAMLWriter.isPlainSafe(text, inFlow: false), text)
        }
        for text in ["EE", "it-coalition", "hello world", "a:b", "2023-12-22"] {
            XCTAssertTrue(YAMLWriter.isPlainSafe(text, inFlow: false), text)
        }
        XCTAssertFalse(YAMLWriter.isPlainSafe("a,b", inFlow: true))
    }
}
