import ConcordTestSupport
import Foundation
import XCTest

/// The result of running a helper program.
struct ProcessResult {
    var status: Int32
    var output: String
}

/// Runs `python3 -c script args…` with `input` on stdin; `nil` when python3 cannot be started.
func runPython(_ script: String, arguments: [String] = [], input: String? = nil) -> ProcessResult? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let outPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = outPipe
    let inPipe = Pipe()
    process.standardInput = inPipe
    do { try process.run() } catch { return nil }
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try? inPipe.fileHandleForWriting.close()
    let data = outPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // 127: `env` found no python3.
    if process.terminationStatus == 127 { return nil }
    return ProcessResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// `../shared/schemas/sarif-schema-2.1.0.json` relative to the package root, when present.
func sarifSchemaURL() -> URL? {
    let url = TestPaths.shared.appendingPathComponent("schemas/sarif-schema-2.1.0.json")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}
