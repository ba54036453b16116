import ConcordDiagnostics
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

    // MARK: Typed options

    func testFormatAndFailOnAreParsedIntoTheirTypes() {
        let (config, problems) = Configuration.load("/p/.concord.yaml", text: "format: sarif\nfail-on: never\n")
        XCTAssertEqual(problems.count, 0)
        XCTAssertEqual(config.format, .fixed(.sarif))
        XCTAssertEqual(config.failOn, .never)
        XCTAssertNil(config.failOn?.severity)
        XCTAssertEqual(Configuration.load("/p/.concord.yaml", text: "format: auto\n").0.format, .auto)
    }

    func testUnknownFormatAndFailOnArePositionedConfigInvalid() {
        let (config, problems) = Configuration.load("/p/.concord.yaml", text: "format: jsn\nfail-on: sometimes\n")
        XCTAssertNil(config.format)
        XCTAssertNil(config.failOn)
        XCTAssertEqual(problems.map(RuleTestSupport.render), [
            "/p/.concord.yaml:1:9-1:12 config-invalid: `format` must be one of auto, pretty, gcc, json, sarif, github, junit, gitlab; did you mean `json`?",
            "/p/.concord.yaml:2:10-2:19 config-invalid: `fail-on` must be error, warning, info or never",
        ])
    }

    func testFormatChoiceNamesEveryOutputFormatAndAuto() {
        XCTAssertEqual(FormatChoice.allCases.map(\.rawValue), ["auto"] + OutputFormat.allCases.map(\.rawValue))
        for choice in FormatChoice.allCases { XCTAssertEqual(FormatChoice(rawValue: choice.rawValue), choice) }
        XCTAssertEqual(FormatChoice.auto.resolved(environment: ["GITHUB_ACTIONS": "true"], isTTY: true), .github)
        XCTAssertEqual(FormatChoice.fixed(.junit).resolved(environment: ["GITHUB_ACTIONS": "true"], isTTY: true), .junit)
        XCTAssertNil(FormatChoice(rawValue: "text"))
    }
}
