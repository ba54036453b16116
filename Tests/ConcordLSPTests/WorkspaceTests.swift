import ConcordDiagnostics
import ConcordRules
import Foundation
import XCTest
@testable import ConcordLSP

/// The workspace logic behind `concord lsp`, in process: diagnostics, positions, cross-file
/// updates, hover, navigation, completion, code actions.
final class WorkspaceTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A project folder: the shipped rules and the given dataset files.
    func project(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("concord-lsp-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("Rules"), to: dir.appendingPathComponent("Rules"))
        return dir.standardizedFileURL.path
    }

    static let coalitions = """
        coalitions:
          - id: it-coalition
            name: IT Coalition
            framework: UDCG
            leaders: ["EE"]
            members: ["EE", "LU"]
            founded: "2023-06-15"
            founded_event: announcement

        """

    static func pledges(coalition: String = "it-coalition", prefix: String = "") -> String {
        """
        pledges:
          - id: lu-it-2024
            donor: "LU"
            recipient: "UA"
            \(prefix)coalition: \(coalition)
            kind: in-kind
            announced: "2024-02-01"
            sources: [{url: "https://example.org", title: t, publisher: p, published: "2024-02-01"}]

        """
    }

    func testHoverAndDefinitionOnAReference() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges()])
        var workspace = Workspace(root: root)
        let uri = FileURI.uri(root + "/Datasets/pledges.yaml")
        _ = workspace.check()
        XCTAssertEqual(workspace.live?.ruleSet.referenceFields.map(\.ruleID).contains("pledge-coalition-exists"), true)
        let at = Position(line: 4, character: 18)
        let hover = try XCTUnwrap(workspace.hover(uri, at))
        XCTAssertTrue(hover.contents.value.contains("**it-coalition**"), hover.contents.value)
        XCTAssertTrue(hover.contents.value.contains("name: IT Coalition"), hover.contents.value)
        XCTAssertEqual(workspace.definition(uri, at), [Location(
            uri: FileURI.uri(root + "/Datasets/coalitions.yaml"),
            range: Range(start: Position(line: 1, character: 8), end: Position(line: 1, character: 20)))])
    }
}
