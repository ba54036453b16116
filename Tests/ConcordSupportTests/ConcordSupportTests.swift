import ConcordSupport
import XCTest

final class JSONTextTests: XCTestCase {
    func testEscapesQuotesBackslashesControlsAndLineSeparators() {
        XCTAssertEqual(JSONText.quoted("a\"b\\c\n\t\u{1}\u{2028}é"), #""a\"b\\c\n\t\u0001\u2028é""#)
        XCTAssertEqual(JSONText.quoted("\u{08}\u{0C}\r\u{7F}\u{2029}"), #""\b\f\r\u007f\u2029""#)
        XCTAssertEqual(JSONText.quoted("plain text"), #""plain text""#)
    }

    func testWritesIntoAnyOutput() {
        struct Pieces: JSONOutput {
            var parts: [String] = []
            mutating func append(_ text: String) { parts.append(text) }
            mutating func append(_ scalar: Unicode.Scalar) { parts.append(String(scalar)) }
        }
        var out = Pieces()
        JSONText.writeQuoted("a\nb", into: &out)
        XCTAssertEqual(out.parts.joined(), #""a\nb""#)
    }
}

final class HashTests: XCTestCase {
    func testSHA256() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testFNV1aKnownValues() {
        // Published FNV-1a 64-bit test vectors.
        XCTAssertEqual(FNV1a.hash([UInt8]()), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash(Array("a".utf8)), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash(Array("foobar".utf8)), 0x8594_4171_f739_67e8)
    }

    func testStableHashNeverChanges() {
        // Baselines hold these values: a change here breaks every user's baseline.
        XCTAssertEqual(StableHash.hex(""), "cbf29ce4842223256c62272e07bb0142")
        XCTAssertEqual(StableHash.hex("v1|rule|Datasets/a.yaml|doc1/pledges/id=x"), "ef78bf8c98d7e53563fb262bba093b0f")
        XCTAssertNotEqual(StableHash.hex("a"), StableHash.hex("b"))
        // Fed in pieces, the lanes give the hash of the whole text.
        var lanes = StableHash.Lanes()
        for piece in ["v1|rule|", "Datasets/a.yaml", "|doc1/pledges/id=x"] { lanes.add(piece) }
        XCTAssertEqual(lanes.hex, "ef78bf8c98d7e53563fb262bba093b0f")
        lanes.add("|1")
        XCTAssertEqual(lanes.hex, StableHash.hex("v1|rule|Datasets/a.yaml|doc1/pledges/id=x|1"))
    }
}

final class PathAndCountingTests: XCTestCase {
    func testRelativePathDisplay() {
        XCTAssertEqual(RelativePath.display("/repo/a/b.yaml", under: "/repo"), "a/b.yaml")
        XCTAssertEqual(RelativePath.display("/repo/a/b.yaml", under: "/repo/"), "a/b.yaml")
        XCTAssertEqual(RelativePath.display("/repository/b.yaml", under: "/repo"), "/repository/b.yaml")
        XCTAssertEqual(RelativePath.display("a/b.yaml", under: "/repo"), "a/b.yaml")
        XCTAssertEqual(RelativePath.display("data/a/b.yaml", under: "data"), "a/b.yaml")
        XCTAssertEqual(RelativePath.display("/a.yaml", under: "/"), "a.yaml")
        XCTAssertEqual(RelativePath.display("/repo", under: "/repo"), "/repo")
        XCTAssertEqual(RelativePath.display("/repo/a.yaml", under: nil), "/repo/a.yaml")
        XCTAssertEqual(RelativePath.display("/repo/a.yaml", under: ""), "/repo/a.yaml")
    }

    func testResolvedAgainstAFolder() {
        XCTAssertEqual(RelativePath.resolved("a/b.yaml", against: "/repo"), "/repo/a/b.yaml")
        XCTAssertEqual(RelativePath.resolved("./a.yaml", against: "/repo/"), "/repo/a.yaml")
        XCTAssertEqual(RelativePath.resolved(".", against: "/repo"), "/repo")
        XCTAssertEqual(RelativePath.resolved("/x/a.yaml", against: "/repo"), "/x/a.yaml")
        XCTAssertEqual(RelativePath.resolved("a.yaml", against: nil), "a.yaml")
    }

    func testOccurrenceCounterNumbersEqualKeys() {
        var counter = OccurrenceCounter<String>()
        XCTAssertEqual(["a", "b", "a", "a", "b"].map { counter.next($0) }, [0, 0, 1, 2, 1])
    }

    func testExactTextComparesScalarsNotCanonicalEquivalence() {
        XCTAssertTrue(ExactText.same("café", "café"))
        XCTAssertFalse(ExactText.same("caf\u{E9}", "cafe\u{301}"))
        XCTAssertTrue("caf\u{E9}" == "cafe\u{301}")
        XCTAssertFalse(ExactText.same("ab", "abc"))
    }
}
