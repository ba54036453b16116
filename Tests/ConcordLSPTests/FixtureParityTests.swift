import ConcordDiagnostics
import ConcordRules
import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordLSP

/// The server's diagnostics are `concord check`'s: on every fixture under
/// `Tests/Fixtures/datasets/`, the workspace (with each file opened, its text coming from the
/// editor) gives the same diagnostics as a check of the same project, and the protocol's
/// copies carry the same rule ids, messages and places.
final class FixtureParityTests: XCTestCase {
    static let packageRoot = TestPaths.packageRoot

    /// A diagnostic with its related places, absolute files (`DiagnosticText.gcc`).
    static func key(_ d: Diagnostic) -> String { DiagnosticText.gcc(d) }

    func testEveryFixtureGivesTheDiagnosticsOfCheck() throws {
        let names = try FixtureOverlay.names()
        XCTAssertGreaterThan(names.count, 10)
        var compared = 0
        for name in names {
            let root = try TestPaths.temporaryFolder("concord-parity")
            try FixtureOverlay.materialise(name, into: root.appendingPathComponent("Datasets"))
            try FileManager.default.copyItem(at: TestPaths.rules, to: root.appendingPathComponent("Rules"))
            let folder = root.standardizedFileURL.path

            try assertParity(folder: folder, name)
            compared += 1
        }
        XCTAssertEqual(compared, names.count)
    }

    /// Mounted layouts (a root list, one-record files, a keyed map) give the same diagnostics too.
    func testAMountedProjectGivesTheDiagnosticsOfCheck() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-parity-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("examples/register"), to: root)
        // A member who does not exist, and a person file with an unknown key.
        let membership = root.appendingPathComponent("data/membership.yaml")
        let text = try String(contentsOf: membership, encoding: .utf8)
        try Data((text + "archives: [nobody]\n").utf8).write(to: membership)
        let person = root.appendingPathComponent("data/people/mei-lin.yaml")
        try Data((try String(contentsOf: person, encoding: .utf8) + "nmae: typo\n").utf8).write(to: person)
        try assertParity(folder: root.standardizedFileURL.path, "register", atLeast: 2)
    }

    private func assertParity(folder: String, _ name: String, atLeast minimum: Int = 0) throws {
        // What `concord check` does in that folder (its plan, with the folder's paths).
        guard case .success(let (planned, _)) = CheckPlanner(currentDirectory: folder).plan(paths: [], rules: []) else {
            return XCTFail("\(name): the check plan failed")
        }
        var request = CheckRequest(paths: planned.paths.map { absolute($0, folder) },
                                   rulePaths: planned.rulePaths.map { absolute($0, folder) })
        request.currentDirectory = folder
        request.configuration = planned.configuration
        request.mounts = planned.mounts
        var expected = CheckSession.run(request).report.diagnostics
        for i in expected.indices {
            expected[i].location.file = absolute(expected[i].location.file, folder)
            for j in expected[i].related.indices {
                expected[i].related[j].location.file = absolute(expected[i].related[j].location.file, folder)
            }
        }

        var workspace = Workspace(root: folder)
        for file in workspace.live?.datasetFiles ?? [] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            workspace.open(uri: FileURI.uri(file), version: 1, text: text)
        }
        let published = workspace.check()
        let actual = workspace.diagnostics.values.flatMap { $0 }
        XCTAssertEqual(actual.map(Self.key).sorted(), expected.map(Self.key).sorted(), name)

        // The published copies: one per diagnostic, rule id as code, source concord.
        let items = published.flatMap(\.diagnostics)
        XCTAssertEqual(items.count, expected.count, name)
        XCTAssertEqual(items.map(\.code).sorted(), expected.map(\.ruleID).sorted(), name)
        XCTAssertTrue(items.allSatisfy { $0.source == "concord" }, name)
        XCTAssertGreaterThanOrEqual(expected.count, minimum, name)
    }

    private func absolute(_ file: String, _ folder: String) -> String {
        file.hasPrefix("/") ? file : folder + "/" + file
    }
}
