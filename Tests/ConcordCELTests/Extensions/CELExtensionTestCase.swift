import XCTest
@testable import ConcordCEL

/// Helpers for the tests of the extension libraries: evaluate with a function table and compare
/// with CEL equality and the same type.
class CELExtensionTestCase: XCTestCase {
    var functions: FunctionTable { .concord }

    func eval(_ src: String, _ activation: Activation = Activation(), file: StaticString = #filePath, line: UInt = #line) -> Value {
        do {
            return Evaluator(functions: functions).evaluate(try Expression(parsing: src), activation)
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

    func assertTrue(_ src: String, file: StaticString = #filePath, line: UInt = #line) {
        assertValue(src, .bool(true), file: file, line: line)
    }

    func assertError(_ src: String, containing text: String = "", file: StaticString = #filePath, line: UInt = #line) {
        let v = eval(src, file: file, line: line)
        guard case .error(let e) = v else { return XCTFail("\(src) = \(v), expected an error", file: file, line: line) }
        XCTAssertTrue(text.isEmpty || e.message.contains(text), "\(src): \(e.message)", file: file, line: line)
    }
}
