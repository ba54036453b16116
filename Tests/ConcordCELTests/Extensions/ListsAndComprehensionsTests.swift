import XCTest
@testable import ConcordCEL

/// cel-go's list library and two-variable comprehensions, from the examples in cel-go's
/// documentation (ext/lists.go, ext/comprehensions.go).
final class ListsAndComprehensionsTests: CELExtensionTestCase {
    func testListLibraryExamples() {
        assertTrue("lists.range(5) == [0, 1, 2, 3, 4]")
        assertTrue("lists.range(0) == []")
        assertTrue("[1,[2,3],[4]].flatten() == [1, 2, 3, 4]")
        assertTrue("[1,[2,[3,4]]].flatten() == [1, 2, [3, 4]]")
        assertTrue("[1,2,[],[],[3,4]].flatten() == [1, 2, 3, 4]")
        assertTrue("[1,[2,[3,[4]]]].flatten(2) == [1, 2, 3, [4]]")
        assertError("[1,[2,[3,[4]]]].flatten(-1)", containing: "level must be non-negative")
        assertTrue("[1,2,3,4].slice(1, 3) == [2, 3]")
        assertTrue("[1,2,3,4].slice(2, 4) == [3, 4]")
        assertError("[1,2,3,4].slice(3, 2)", containing: "start index must be less than or equal to end index")
        assertError("[1,2,3,4].slice(0, 10)", containing: "list is length 4")
        assertError("[1,2,3,4].slice(-5, 10)", containing: "negative indexes not supported")
        assertTrue("[3, 2, 1].sort() == [1, 2, 3]")
        assertTrue("['b', 'c', 'a'].sort() == ['a', 'b', 'c']")
        assertError("[1, 'b'].sort()", containing: "same type")
        assertError("[[1, 2, 3]].sort()")
        assertTrue("""
            [{'name': 'foo', 'score': 0}, {'name': 'bar', 'score': -10}, {'name': 'baz', 'score': 1000}]
              .sortBy(e, e.score).map(e, e.name) == ['bar', 'foo', 'baz']
            """)
        assertTrue("[1, 2, 3].sortBy(x, -x) == [3, 2, 1]")
        assertTrue("[1,2,3].reverse() == [3, 2, 1]")
        assertTrue("'abc'.reverse() == 'cba'")
        assertTrue("[1,2,3].first() == optional.of(1)")
        assertTrue("[].first() == optional.none()")
        assertTrue("[1,2,3].last().value() == 3")
        assertTrue("[].last().hasValue() == false")
        assertTrue("[1,2,2,3,3,3].distinct() == [1, 2, 3]")
        assertTrue("['b', 'b', 'c', 'a', 'c'].distinct() == ['b', 'c', 'a']")
        assertTrue("[1, 'b', 2, 'b'].distinct() == [1, 'b', 2]")
    }

    func testKubernetesListIndexes() {
        assertTrue("[1, 2, 2, 3].indexOf(2) == 1")
        assertTrue("[1, 2, 2, 3].lastIndexOf(2) == 2")
        assertTrue("[1, 2].indexOf(5) == -1 && [].lastIndexOf(1) == -1")
        assertTrue("'hello'.indexOf('l') == 2 && 'hello'.lastIndexOf('l') == 3")
        assertTrue("[1, 2, 3].sum() == 6 && [3, 1].min() == 1 && [3, 1].max() == 3 && [1, 2].isSorted()")
    }

    func testTwoVariableComprehensionExamples() {
        assertTrue("[1, 2, 3].all(i, j, i < j)")
        assertValue("{'hello': 'world', 'taco': 'taco'}.all(k, v, k != v)", .bool(false))
        assertTrue("{'h': ['hello', 'hi'], 'j': ['joke', 'jog']}.all(k, vals, vals.all(v, v.startsWith(k)))")
        assertTrue("{'greeting': 'hello', 'farewell': 'goodbye'}.exists(k, v, k.startsWith('good') || v.endsWith('bye'))")
        assertTrue("[1, 2, 1, 3, 1, 4].exists(i, v, i > 2 && v == 1)")
        assertTrue("{'a': 1, 'b': 2}.existsOne(k, v, v == 2)")
        assertValue("[1, 2, 1, 3, 1, 4].existsOne(i, v, v == 1)", .bool(false))
        assertTrue("[1, 2, 3].transformList(indexVar, valueVar, (indexVar * valueVar) + valueVar) == [1, 4, 9]")
        assertTrue("[1, 2, 3].transformList(indexVar, valueVar, indexVar % 2 == 0, (indexVar * valueVar) + valueVar) == [1, 9]")
        assertTrue("{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(k, _, k) == ['greeting', 'farewell']")
        assertTrue("{'greeting': 'hello', 'farewell': 'goodbye'}.transformList(_, v, v) == ['hello', 'goodbye']")
        assertTrue("{'greeting': 'hello', 'farewell': 'goodbye'}.transformMap(k, v, v + '!') == {'greeting': 'hello!', 'farewell': 'goodbye!'}")
        assertTrue("{'greeting': 'hello', 'farewell': 'goodbye'}.transformMap(k, v, k == 'greeting', v + '!') == {'greeting': 'hello!'}")
        assertTrue("{'greeting': 'hello'}.transformMapEntry(keyVar, valueVar, {valueVar: keyVar}) == {'hello': 'greeting'}")
        assertTrue("[1, 2, 3].transformMapEntry(indexVar, valueVar, {valueVar: indexVar}) == {1: 0, 2: 1, 3: 2}")
        assertTrue("[1, 2, 3].transformMapEntry(i, v, v != 2, {v: i}) == {1: 0, 3: 2}")
        assertError("{'greeting': 'aloha', 'farewell': 'aloha'}.transformMapEntry(keyVar, valueVar, {valueVar: keyVar})",
                    containing: "already exists")
    }

    func testSortByRendersAsWritten() throws {
        XCTAssertEqual(try Expression(parsing: "a.sortBy(e, e.score)").root.description, "a.sortBy(e, e.score)")
        XCTAssertEqual(Checker(variables: ["a"], functions: functions).check(try Expression(parsing: "a.sortBy(e, e.score)")), [])
    }
}
