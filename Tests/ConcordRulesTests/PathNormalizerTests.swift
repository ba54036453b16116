import XCTest
@testable import ConcordRules

/// `PathNormalizer.lexical`: the text-only normaliser that tells mounted files apart.
final class PathNormalizerTests: XCTestCase {
    func testPlainPathsComeBackAsTheyAre() {
        for path in ["/a/b.yaml", "a/b.yaml", "/p/.hidden/x.yml", "a/.../b", "x", "/a/b..c/d."] {
            XCTAssertEqual(PathNormalizer.lexical(path), path, path)
        }
    }

    func testDotsRepeatedAndTrailingSlashesAreRemoved() {
        XCTAssertEqual(PathNormalizer.lexical("/a/./b/../c.yaml"), "/a/c.yaml")
        XCTAssertEqual(PathNormalizer.lexical("/a//b/"), "/a/b")
        XCTAssertEqual(PathNormalizer.lexical("./a/b.yaml"), "a/b.yaml")
        XCTAssertEqual(PathNormalizer.lexical("a/../../b"), "../b")
        XCTAssertEqual(PathNormalizer.lexical("/../a"), "/a")
        XCTAssertEqual(PathNormalizer.lexical("/a/.."), "/")
        XCTAssertEqual(PathNormalizer.lexical("."), ".")
        XCTAssertEqual(PathNormalizer.lexical(""), ".")
        XCTAssertEqual(PathNormalizer.lexical("/"), "/")
    }
}
