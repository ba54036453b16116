import ConcordRules
import Foundation
import XCTest

final class ProjectTests: XCTestCase {
    private func folder(_ files: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("concord-project-\(UUID().uuidString)")
        for path in files {
            let url = dir.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("a: 1\n".utf8).write(to: url)
            }
        }
        return dir.standardizedFileURL.path
    }

    func testTheNearestFolderHoldingDatasetsIsTheProject() throws {
        let root = try folder(["Datasets/coalitions/it.yaml", "Rules/"])
        XCTAssertEqual(Project.discover(from: root + "/Datasets/coalitions"), Project(root: root))
        XCTAssertEqual(Project.discover(from: root + "/Datasets/coalitions/it.yaml"), Project(root: root))
        XCTAssertEqual(Project.discover(from: root), Project(root: root))
    }

    func testAConfigurationFileWins() throws {
        let root = try folder([".concord.yaml", "sub/Datasets/x.yaml"])
        XCTAssertEqual(Project.discover(from: root + "/sub/Datasets"),
                       Project(root: root, configurationFile: root + "/.concord.yaml"))
    }

    func testWithoutEitherTheFolderItselfIsTheProject() throws {
        let root = try folder(["notes/a.yaml"])
        XCTAssertEqual(Project.discover(from: root + "/notes").root, root + "/notes")
    }
}
