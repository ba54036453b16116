import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordCEL

/// Runs the cel-spec conformance cases from `../shared/conformance/cel/*.json` (relative to the
/// package root) and compares the failures with `cel-known-failures.txt` beside this file:
/// the test fails when a case fails that is not listed, or when a listed case passes.
final class ConformanceTests: XCTestCase {
    static let coreFiles = [
        "basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic",
        "macros", "macros2", "parse", "plumbing", "string", "timestamps",
    ]
    static let extensionFiles = ["string_ext", "math_ext", "bindings_ext", "optionals"]

    static var testDirectory: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }
    static var packageRoot: URL { TestPaths.packageRoot }
    static var dataDirectory: URL { TestPaths.shared.appendingPathComponent("conformance/cel") }

    struct Outcome {
        let id: String
        let file: String
        let failure: String?
    }

    func testConformance() throws {
        let dir = Self.dataDirectory
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw XCTSkip("CEL conformance data not found at \(dir.path); skipping (it lives in ../shared/conformance/cel)")
        }
        let known = try Self.loadKnownFailures()
        var outcomes: [Outcome] = []
        for file in Self.coreFiles + Self.extensionFiles {
            let url = dir.appendingPathComponent(file + ".json")
            guard FileManager.default.fileExists(atPath: url.path) else {
                XCTFail("conformance file missing: \(url.path)")
                continue
            }
            let text = try String(contentsOf: url, encoding: .utf8)
            let json = try JSONValue.parse(text)
            guard case .array(let cases) = json else {
                XCTFail("\(file).json is not a list")
                continue
            }
            var seen: [String: Int] = [:]
            for c in cases {
                var id = "\(file)/\(Self.str(c["section"]))/\(Self.str(c["name"]))"
                seen[id, default: 0] += 1
                if let n = seen[id], n > 1 { id += "#\(n)" }
                outcomes.append(Outcome(id: id, file: file, failure: Self.run(c)))
            }
        }

        // Report.
        var lines: [String] = []
        func summarize(_ files: [String], _ title: String) {
            var pass = 0, total = 0
            for f in files {
                let mine = outcomes.filter { $0.file == f }
                let p = mine.filter { $0.failure == nil }.count
                lines.append("  \(f): \(p)/\(mine.count)")
                pass += p
                total += mine.count
            }
            let pct = total == 0 ? 0 : Double(pass) * 100 / Double(total)
            lines.append("  \(title): \(pass)/\(total) (\(String(format: "%.1f", pct))%)")
        }
        summarize(Self.coreFiles, "core total")
        summarize(Self.extensionFiles, "extensions total")
        print("CEL conformance:\n" + lines.joined(separator: "\n"))

        var unexpected: [String] = []
        var nowPassing: [String] = []
        for o in outcomes {
            if let failure = o.failure, known[o.id] == nil {
                unexpected.append("\(o.id): \(failure)")
            } else if o.failure == nil, known[o.id] != nil {
                nowPassing.append(o.id)
            }
        }
        let ids = Set(outcomes.map(\.id))
        let stale = known.keys.filter { !ids.contains($0) }.sorted()
        if !unexpected.isEmpty {
            XCTFail("\(unexpected.count) conformance case(s) fail that are not in cel-known-failures.txt:\n" + unexpected.joined(separator: "\n"))
        }
        if !nowPassing.isEmpty {
            XCTFail("\(nowPassing.count) case(s) in cel-known-failures.txt now pass; remove them:\n" + nowPassing.joined(separator: "\n"))
        }
        if !stale.isEmpty {
            XCTFail("cel-known-failures.txt lists unknown case(s):\n" + stale.joined(separator: "\n"))
        }
        let core = outcomes.filter { Self.coreFiles.contains($0.file) }
        let corePass = core.filter { $0.failure == nil }.count
        XCTAssertGreaterThanOrEqual(Double(corePass) / Double(max(core.count, 1)), 0.95, "core pass rate below 95%")
        for file in Self.extensionFiles {
            let mine = outcomes.filter { $0.file == file }
            let pass = mine.filter { $0.failure == nil }.count
            XCTAssertGreaterThanOrEqual(Double(pass) / Double(max(mine.count, 1)), 0.95, "\(file) pass rate below 95%")
        }
    }

    /// `id: reason` per line; `#` starts a comment.
    static func loadKnownFailures() throws -> [String: String] {
        let url = testDirectory.appendingPathComponent("cel-known-failures.txt")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        var out: [String: String] = [:]
        for raw in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let colon = line.range(of: ": ") {
                out[String(line[..<colon.lowerBound])] = String(line[colon.upperBound...])
            } else {
                out[line] = ""
            }
        }
        return out
    }

    static func str(_ j: JSONValue?) -> String {
        if case .string(let s)? = j { return s }
        return ""
    }

    /// Runs one case; returns nil on success or a failure description.
    static func run(_ c: JSONValue) -> String? {
        let expr = str(c["expr"])
        var options = ParseOptions()
        if case .bool(true)? = c["disableMacros"] { options.disableMacros = true }
        var activation = Activation()
        if case .object(let bindings)? = c["bindings"] {
            for (name, tagged) in bindings {
                do {
                    activation.bind(name, to: try Value(taggedJSON: tagged))
                } catch {
                    return "bad binding \(name): \(error)"
                }
            }
        }
        guard let expect = c["expect"] else { return "case without expectation" }
        let result: Value
        do {
            let parsed = try Expression(parsing: expr, options: options)
            result = Evaluator().evaluate(parsed, activation)
        } catch {
            result = .error(error)
        }
        if expect["error"] != nil || expect["anyError"] != nil {
            if case .error = result { return nil }
            return "expected an error, got \(result)"
        }
        guard let tagged = expect["value"] else { return "unknown expectation \(expect.text)" }
        let expected: Value
        do {
            expected = try Value(taggedJSON: tagged)
        } catch {
            return "bad expected value: \(error)"
        }
        if case .error(let e) = result { return "error: \(e.message)" }
        return strictlyEqual(expected, result) ? nil : "expected \(expected), got \(result)"
    }

    /// CEL equality with matching types at every level, where NaN matches NaN.
    static func strictlyEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x.elements, y.elements).allSatisfy { strictlyEqual($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let w = y[k], strictlyEqual(v, w), y.keys.first(where: { $0 == k })?.value.celType == k.value.celType
                else { return false }
            }
            return true
        default:
            return a.celType == b.celType && a.celEquals(b)
        }
    }
}
