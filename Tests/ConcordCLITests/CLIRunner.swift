import ConcordTestSupport
import Foundation
import XCTest

/// Runs the built `concord` binary in a folder and captures what it prints.
struct CLIRunner {
    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("concord")
        }
        #endif
        return Bundle.main.bundleURL.appendingPathComponent("concord")
    }

    /// The package root (for the shipped Datasets/ and Rules/).
    static var packageRoot: URL { TestPaths.packageRoot }

    /// `timeout`: seconds after which the process is killed (a hang fails the test instead of
    /// stopping the suite); its status is then SIGKILL's.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    timeout: Double? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GITHUB_ACTIONS")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                   status: process.terminationStatus)
    }

    /// Runs git in `directory` (with a test identity); fails the test when git fails.
    static func git(_ arguments: String..., in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"] + arguments
        p.currentDirectoryURL = directory
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, arguments.joined(separator: " "), file: file, line: line)
    }

    /// A fresh temporary folder holding `files` (path → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        try TestPaths.folder(holding: files, prefix: "concord-cli")
    }
}

/// Rule-file text shared by the end-to-end tests.
enum CLIFixtures {
    /// The `leaders-are-members` rule, as one entry of a `rules:` list (indented 2).
    static let leadersAreMembers = """
          - id: leaders-are-members
            description: Every leader of a coalition is one of its members.
            for: coalitions[*]
            assert: self.leaders.all(l, l in self.members)
            message: "leader {{l}} is not a member of {{self.id}}"

        """
}
