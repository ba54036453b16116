import Foundation
import XCTest
@testable import ConcordYAML

/// Runs every case of the YAML test suite (../shared/conformance/yaml-test-suite): the loader
/// accepts and rejects exactly what libyaml's own event loop accepts and rejects, never
/// crashes, and for every accepted case with `in.json` its resolved value equals `in.json`.
final class YAMLTestSuiteTests: XCTestCase {
    /// Accepted cases whose value differs from `in.json` because libyaml 0.2.5's own event stream
    /// differs from the suite's (`test.event`): the loader reports what libyaml parsed. The test
    /// fails if one of these starts to agree, so the list stays honest.
    static let libyamlValueDeviations: [String: String] = [
        "652Z": "libyaml reads `?foo` inside a flow mapping as an explicit-key indicator, giving key \"foo\" instead of \"?foo\"",
        "HM87/01": "libyaml reads `[?x]` as a flow pair with explicit key x instead of the plain scalar \"?x\"",
        "JEF9/02": "libyaml drops the line break of a whitespace-only literal block scalar (\"\" instead of \"\\n\")",
        "L24T/01": "libyaml drops the final line break after a whitespace-only last line of a literal scalar",
        "Y2GN": "libyaml ends an anchor name at `:`, so `&an:chor value` becomes anchor `an` and value \":chor value\"",
    ]

    func testEveryCase() throws {
        let suite = try SharedData.folder("conformance/yaml-test-suite")
        let cases = try Self.caseFolders(in: suite)
        XCTAssertGreaterThan(cases.count, 300, "the suite should have hundreds of cases")

        var options = LoaderOptions()
        options.warnAmbiguousScalars = false
        let loader = YAMLLoader(options: options)
        var total = 0, agreeWithLibyaml = 0, jsonCompared = 0, jsonEqual = 0
        var suiteValidRejected = 0, suiteInvalidAccepted = 0, deviations = 0
        var failures: [String] = []

        for folder in cases {
            let name = folder.path.replacingOccurrences(of: suite.path + "/", with: "")
            guard let bytes = Self.contents(folder.appendingPathComponent("in.yaml")) else {
                continue
            }
            total += 1
            let suiteSaysInvalid = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
            let libyamlAccepts = Self.libyamlAccepts(Array(bytes))
            let result = loader.load(bytes: Array(bytes), file: name)
            if result.succeeded == libyamlAccepts {
                agreeWithLibyaml += 1
            } else {
                failures.append("\(name): loader \(result.succeeded ? "accepts" : "rejects") but libyaml \(libyamlAccepts ? "accepts" : "rejects"): \(result.diagnostics.map(\.message))")
            }
            if suiteSaysInvalid && libyamlAccepts { suiteInvalidAccepted += 1 }
            if !suiteSaysInvalid && !libyamlAccepts { suiteValidRejected += 1 }

            let jsonURL = folder.appendingPathComponent("in.json")
            guard result.succeeded, !suiteSaysInvalid, let expectedData = Self.contents(jsonURL).map({ Data($0) }) else {
                continue
            }
            jsonCompared += 1
            let expected = JSONStream.values(in: expectedData)
            let actual = result.documents.map { JSONStream.parse(JSONRenderer.render($0.root)) }
            let equal = expected.count == actual.count && zip(expected, actual).allSatisfy({ JSONStream.equal($0, $1) })
            if let reason = Self.libyamlValueDeviations[name] {
                deviations += 1
                if equal { failures.append("\(name): listed as a libyaml deviation (\(reason)) but now equals in.json") }
            } else if equal {
                jsonEqual += 1
            } else {
                failures.append("\(name): value differs from in.json\n  expected \(expected)\n  actual   \(result.documents.map { JSONRenderer.render($0.root) })")
            }
        }

        print("""
            yaml-test-suite: \(total) cases; loader agrees with libyaml on \(agreeWithLibyaml)/\(total) \
            (libyaml rejects \(suiteValidRejected) valid inputs and accepts \(suiteInvalidAccepted) invalid ones); \
            in.json equal on \(jsonEqual)/\(jsonCompared) accepted cases, \(deviations) known libyaml deviations
            """)
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// Loading with libyaml on another thread (as large files are loaded) gives exactly what
    /// loading on one thread gives: the same verdict, diagnostics and values, on every case.
    func testPipelinedLoadingAgreesOnEveryCase() throws {
        let suite = try SharedData.folder("conformance/yaml-test-suite")
        let cases = try Self.caseFolders(in: suite)
        var direct = LoaderOptions()
        direct.pipelineMinimumBytes = .max
        var pipelined = LoaderOptions()
        pipelined.pipelineMinimumBytes = 0
        var compared = 0
        for folder in cases {
            guard let data = Self.contents(folder.appendingPathComponent("in.yaml")) else { continue }
            let bytes = Array(data)
            let a = YAMLLoader(options: direct).load(bytes: bytes, file: "in.yaml")
            let b = YAMLLoader(options: pipelined).load(bytes: bytes, file: "in.yaml")
            let name = folder.lastPathComponent
            XCTAssertEqual(a.succeeded, b.succeeded, name)
            XCTAssertEqual(a.diagnostics, b.diagnostics, name)
            XCTAssertEqual(a.yamlFile?.nodeCount, b.yamlFile?.nodeCount, name)
            XCTAssertEqual(a.documents.map { JSONRenderer.render($0.root) }, b.documents.map { JSONRenderer.render($0.root) }, name)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 300)
    }

    /// Loading in parts by two parsers (as files of many megabytes are loaded, here with a seam
    /// at every line that looks like an item) gives exactly what loading in one piece gives.
    func testLoadingInPartsAgreesOnEveryCase() throws {
        let suite = try SharedData.folder("conformance/yaml-test-suite")
        let cases = try Self.caseFolders(in: suite)
        var direct = LoaderOptions()
        direct.pipelineMinimumBytes = .max
        direct.parallelMinimumBytes = .max
        var inParts = LoaderOptions()
        inParts.parallelMinimumBytes = 0
        inParts.parallelPartBytes = 1
        var compared = 0, split = 0
        for folder in cases {
            guard let data = Self.contents(folder.appendingPathComponent("in.yaml")) else { continue }
            let a = YAMLLoader(options: direct).load(bytes: data, file: "in.yaml")
            let (b, parts) = YAMLLoader(options: inParts).loadCountingParts(bytes: data, file: "in.yaml")
            let name = folder.lastPathComponent
            XCTAssertEqual(a.succeeded, b.succeeded, name)
            XCTAssertEqual(a.diagnostics, b.diagnostics, name)
            XCTAssertEqual(a.yamlFile?.nodeCount, b.yamlFile?.nodeCount, name)
            XCTAssertEqual(a.documents.map { JSONRenderer.render($0.root, positions: true) },
                           b.documents.map { JSONRenderer.render($0.root, positions: true) }, name)
            compared += 1
            if parts > 1 { split += 1 }
        }
        XCTAssertGreaterThan(compared, 300)
        // Enough cases have two items of a block sequence for the seams to be tried and hold.
        XCTAssertGreaterThan(split, 20)
        print("yaml-test-suite in parts: \(compared) cases agree; \(split) read in more than one part")
    }

    /// A case file's bytes, read with the loader's own reader: Foundation's file reading leaks
    /// its 4 KB buffer on every empty file (the suite has empty `in.yaml` and `in.json` files),
    /// which fails the run under AddressSanitizer.
    static func contents(_ file: URL) -> [UInt8]? {
        try? PosixFileSystem().contents(of: file.path).get()
    }

    /// Case folders: each folder with an `in.yaml`, including numbered sub-folders.
    static func caseFolders(in suite: URL) throws -> [URL] {
        let fm = FileManager.default
        var result: [URL] = []
        for entry in try fm.contentsOfDirectory(atPath: suite.path).sorted() {
            let folder = suite.appendingPathComponent(entry)
            if fm.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                result.append(folder)
            } else if let subs = try? fm.contentsOfDirectory(atPath: folder.path) {
                for sub in subs.sorted() {
                    let subFolder = folder.appendingPathComponent(sub)
                    if fm.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                        result.append(subFolder)
                    }
                }
            }
        }
        return result
    }

    /// libyaml's own verdict: pull every event, as the benchmark's C loop does.
    static func libyamlAccepts(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let parser = LibYAMLParser(input: buffer) else { return false }
            var batch = EventBatch()
            while true {
                parser.next(into: &batch)
                if batch.failure != nil { return false }
                if batch.isLast { return true }
            }
        }
    }
}

/// Splits a stream of concatenated JSON values and compares values (numbers as numbers).
enum JSONStream {
    static func parse(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static func values(in data: Data) -> [Any?] {
        let bytes = [UInt8](data)
        var values: [Any?] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            var depth = 0, inString = false, escaped = false
            while i < bytes.count {
                let b = bytes[i]
                if inString {
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                } else if b == 0x22 {
                    inString = true
                } else if b == 0x5B || b == 0x7B {
                    depth += 1
                } else if b == 0x5D || b == 0x7D {
                    depth -= 1
                } else if depth == 0, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                    break
                }
                i += 1
                if depth == 0, !inString, b == 0x5D || b == 0x7D || (b == 0x22 && start != i - 1) { break }
            }
            values.append(try? JSONSerialization.jsonObject(with: Data(bytes[start..<i]), options: [.fragmentsAllowed]))
        }
        return values
    }

    static func equal(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        case let (x as String, y as String):
            return x == y
        case let (x as NSNumber, y as NSNumber):
            return x.doubleValue == y.doubleValue
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }
}
