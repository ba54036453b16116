import ConcordDiagnostics
import ConcordRules
import ConcordTestSupport
import Foundation
import XCTest
@testable import ConcordLSP

/// The workspace logic behind `concord lsp`, in process: diagnostics, positions, cross-file
/// updates, hover, navigation, completion, code actions.
final class WorkspaceTests: XCTestCase {
    static let packageRoot = TestPaths.packageRoot

    /// A project folder: the shipped rules and the given dataset files.
    func project(_ files: [String: String]) throws -> String {
        let dir = try TestPaths.folder(holding: files, prefix: "concord-lsp")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("Rules"), to: dir.appendingPathComponent("Rules"))
        return dir.standardizedFileURL.path
    }

    /// The test project's files (Tests/Fixtures/lsp/README.md); tests plant violations by
    /// changing one value of the pledge.
    static let fixture = TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/lsp")
    static let coalitions = (try? String(contentsOf: fixture.appendingPathComponent("coalitions.yaml"), encoding: .utf8)) ?? ""
    static let pledgesText = (try? String(contentsOf: fixture.appendingPathComponent("pledges.yaml"), encoding: .utf8)) ?? ""

    static func pledges(coalition: String = "it-coalition") -> String {
        pledgesText.replacingOccurrences(of: "coalition: it-coalition", with: "coalition: \(coalition)")
    }

    func testTheFixtureIsThere() {
        XCTAssertTrue(Self.coalitions.hasPrefix("coalitions:"), "Tests/Fixtures/lsp/coalitions.yaml")
        XCTAssertTrue(Self.pledgesText.contains("    coalition: it-coalition\n"), "Tests/Fixtures/lsp/pledges.yaml")
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

    private func uri(_ root: String, _ file: String) -> String { FileURI.uri(root + "/" + file) }

    private func codes(_ published: [PublishDiagnosticsParams], _ uri: String) -> [String]? {
        published.first { $0.uri == uri }.map { $0.diagnostics.map(\.code) }
    }

    func testAnEditInOneFileLightsAndClearsAnotherAndPublishesTheVersion() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges()])
        var workspace = Workspace(root: root)
        XCTAssertEqual(workspace.check().count, 0, "a clean project publishes nothing")
        let coalitions = uri(root, "Datasets/coalitions.yaml"), pledges = uri(root, "Datasets/pledges.yaml")
        workspace.open(uri: coalitions, version: 1, text: Self.coalitions)
        XCTAssertEqual(workspace.check().map(\.uri), [coalitions], "the opened document gets its (empty) version")
        // Renaming the coalition, unsaved: the pledge's reference breaks in the other file.
        workspace.change(uri: coalitions, version: 2, changes: [TextDocumentContentChangeEvent(
            range: Range(start: Position(line: 1, character: 8), end: Position(line: 1, character: 10)), text: "xx")])
        var published = workspace.check()
        XCTAssertEqual(codes(published, pledges), ["pledge-coalition-exists"])
        XCTAssertEqual(published.first { $0.uri == coalitions }?.version, 2)
        let broken = try XCTUnwrap(published.first { $0.uri == pledges }?.diagnostics.first)
        XCTAssertEqual(broken.range, Range(start: Position(line: 4, character: 15), end: Position(line: 4, character: 27)))
        XCTAssertTrue(broken.message.contains("did you mean `xx-coalition`?"), broken.message)
        XCTAssertEqual(broken.codeDescription?.href.hasPrefix(FileURI.uri(root + "/Rules/references.yaml") + "#L"), true)
        // Undoing it clears the other file (an empty list is published for it).
        workspace.change(uri: coalitions, version: 3, changes: [TextDocumentContentChangeEvent(range: nil, text: Self.coalitions)])
        published = workspace.check()
        XCTAssertEqual(codes(published, pledges), [])
        XCTAssertEqual(published.first { $0.uri == coalitions }?.version, 3)
    }

    func testAFileThatDoesNotParseShowsItsErrorAndOthersStayQuiet() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges()])
        var workspace = Workspace(root: root)
        _ = workspace.check()
        let coalitions = uri(root, "Datasets/coalitions.yaml"), pledges = uri(root, "Datasets/pledges.yaml")
        workspace.open(uri: coalitions, version: 1, text: Self.coalitions + "  - id: [half typed\n")
        let published = workspace.check()
        XCTAssertEqual(codes(published, coalitions), ["yaml-syntax"])
        // A built-in check links to its section of docs/checks.md.
        let syntax = try XCTUnwrap(published.first { $0.uri == coalitions }?.diagnostics.first)
        XCTAssertEqual(syntax.codeDescription?.href,
                       FileURI.uri(TestPaths.packageRoot.appendingPathComponent("docs/checks.md").path) + "#yaml-syntax")
        XCTAssertNil(codes(published, pledges), "the pledge still finds its coalition")
        XCTAssertTrue(workspace.diagnostics[root + "/Datasets/pledges.yaml"] == nil)
    }

    func testPositionsAreUTF16AfterEmojiAndFlags() throws {
        let line = #"    sources: [{url: "https://e.org/🇺🇦👍", title: "é 🇪🇪", publisher: p, published: "2024-13-01"}]"#
        let text = Self.pledges().replacingOccurrences(
            of: #"    sources: [{url: "https://example.org", title: t, publisher: p, published: "2024-02-01"}]"#, with: line)
        XCTAssertTrue(text.contains("🇺🇦"))
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": text])
        var workspace = Workspace(root: root)
        _ = workspace.check()
        let d = try XCTUnwrap(workspace.diagnostics[root + "/Datasets/pledges.yaml"]?.first)
        let r = try XCTUnwrap(d.location.range)
        let lsp = try XCTUnwrap(workspace.lspDiagnostics(for: root + "/Datasets/pledges.yaml").first)
        // The column counts scalars; UTF-16 counts the flags' and the emoji's surrogate pairs.
        let before = String(String.UnicodeScalarView(Array(line.unicodeScalars).prefix(r.start.column - 1)))
        XCTAssertTrue(before.contains("🇪🇪"), "the range is after the emoji: \(before)")
        XCTAssertEqual(lsp.range.start, Position(line: r.start.line - 1, character: before.utf16.count))
        XCTAssertEqual(before.utf16.count - before.unicodeScalars.count, 5,
                       "five astral scalars before the range: two flags of two regional indicators, one emoji")
        // UTF-32 (scalars) and UTF-8 when the client negotiates them.
        var utf32 = Workspace(root: root, encoding: .utf32)
        _ = utf32.check()
        XCTAssertEqual(utf32.lspDiagnostics(for: root + "/Datasets/pledges.yaml").first?.range.start.character, r.start.column - 1)
        var utf8 = Workspace(root: root, encoding: .utf8)
        _ = utf8.check()
        XCTAssertEqual(utf8.lspDiagnostics(for: root + "/Datasets/pledges.yaml").first?.range.start.character, before.utf8.count)
    }

    func testRuleFilesAndTheConfigurationAreLive() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions,
                                "Datasets/pledges.yaml": Self.pledges(coalition: "nope")])
        var workspace = Workspace(root: root)
        _ = workspace.check()
        let pledges = root + "/Datasets/pledges.yaml"
        XCTAssertEqual(workspace.diagnostics[pledges]?.map(\.ruleID), ["pledge-coalition-exists"])
        // A broken rule file shows its error at its place; the data keeps the last good rules.
        let rulesPath = root + "/Rules/references.yaml"
        let ruleText = try String(contentsOfFile: rulesPath, encoding: .utf8)
        workspace.open(uri: FileURI.uri(rulesPath), version: 1, text: ruleText.replacingOccurrences(of: "    key: self.coalition", with: "    kee: self.coalition"))
        var published = workspace.check()
        XCTAssertEqual(codes(published, FileURI.uri(rulesPath))?.contains("rule-unknown-field"), true)
        XCTAssertEqual(workspace.diagnostics[pledges]?.map(\.ruleID), ["pledge-coalition-exists"])
        // Removing the rule re-checks the data.
        workspace.change(uri: FileURI.uri(rulesPath), version: 2, changes: [TextDocumentContentChangeEvent(
            range: nil, text: ruleText.replacingOccurrences(of: "references: coalitions[*].id", with: "assert: \"true\"")
                .replacingOccurrences(of: "    key: self.coalition\n", with: ""))])
        published = workspace.check()
        XCTAssertEqual(codes(published, FileURI.uri(pledges)), [])
        workspace.close(uri: FileURI.uri(rulesPath))
        _ = workspace.check()
        XCTAssertEqual(workspace.diagnostics[pledges]?.map(\.ruleID), ["pledge-coalition-exists"])
        // A configuration turning the rule into a warning, written on disk and announced.
        let config = root + "/.concord.yaml"
        try Data("severity:\n  pledge-coalition-exists: warning\n".utf8).write(to: URL(fileURLWithPath: config))
        workspace.filesChanged([FileURI.uri(config)])
        published = workspace.check()
        XCTAssertEqual(published.first { $0.uri == FileURI.uri(pledges) }?.diagnostics.map(\.severity), [2])
        // Its errors appear in it.
        workspace.open(uri: FileURI.uri(config), version: 1, text: "severty: {}\n")
        published = workspace.check()
        XCTAssertEqual(codes(published, FileURI.uri(config)), ["config-invalid"])
    }

    func testChangesOnDiskArePickedUp() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges()])
        var workspace = Workspace(root: root)
        _ = workspace.check()
        let added = root + "/Datasets/zz-more.yaml"
        try Data(Self.pledges().utf8).write(to: URL(fileURLWithPath: added))
        workspace.filesChanged([FileURI.uri(added)])
        let published = workspace.check()
        XCTAssertEqual(codes(published, FileURI.uri(added)), ["pledge-ids-unique"])
        try FileManager.default.removeItem(atPath: added)
        workspace.filesChanged([FileURI.uri(added)])
        XCTAssertEqual(codes(workspace.check(), FileURI.uri(added)), [])
    }

    func testCompletionOffersIdsOfTheReferencedListAndKeysOfTheShape() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges()])
        var workspace = Workspace(root: root)
        let pledges = uri(root, "Datasets/pledges.yaml")
        workspace.open(uri: pledges, version: 1, text: Self.pledges(coalition: "it-"))
        _ = workspace.check()
        let ids = workspace.completion(pledges, Position(line: 4, character: 18))
        XCTAssertEqual(ids, [CompletionItem(label: "it-coalition", kind: CompletionItem.valueKind, detail: "IT Coalition")])
        // A new key typed at the record's indentation (the line does not parse yet).
        let typing = Self.pledges().replacingOccurrences(of: "    kind: financial\n", with: "    kind: financial\n    an\n")
        workspace.change(uri: pledges, version: 2, changes: [TextDocumentContentChangeEvent(range: nil, text: typing)])
        _ = workspace.check()
        let keys = workspace.completion(pledges, Position(line: 6, character: 6)).map(\.label)
        XCTAssertTrue(keys.contains("amount_eur"), "\(keys)")
        XCTAssertFalse(keys.contains("donor"), "keys the record has are not offered: \(keys)")
    }

    func testReferencesFromARecordsIdFindEveryReferringRecord() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges(),
                                "Datasets/more.yaml": Self.pledges().replacingOccurrences(of: "lu-it-2024", with: "lu-it-2025")])
        var workspace = Workspace(root: root)
        _ = workspace.check()
        let found = workspace.references(uri(root, "Datasets/coalitions.yaml"), Position(line: 1, character: 12), includeDeclaration: false)
        XCTAssertEqual(found.map(\.uri).sorted(), [uri(root, "Datasets/more.yaml"), uri(root, "Datasets/pledges.yaml")])
        XCTAssertEqual(found.first?.range, Range(start: Position(line: 4, character: 15), end: Position(line: 4, character: 27)))
        let withDeclaration = workspace.references(uri(root, "Datasets/pledges.yaml"), Position(line: 4, character: 20), includeDeclaration: true)
        XCTAssertEqual(withDeclaration.count, 3)
    }

    func testSuppressionQuickFixSilencesTheDiagnostic() throws {
        let root = try project(["Datasets/coalitions.yaml": Self.coalitions, "Datasets/pledges.yaml": Self.pledges(coalition: "nope")])
        var workspace = Workspace(root: root)
        let pledges = uri(root, "Datasets/pledges.yaml")
        workspace.open(uri: pledges, version: 1, text: Self.pledges(coalition: "nope"))
        _ = workspace.check()
        let actions = workspace.codeActions(pledges, Range(start: Position(line: 4, character: 16), end: Position(line: 4, character: 16)), only: nil)
        let suppress = try XCTUnwrap(actions.first { $0.title.hasPrefix("Suppress with # concord-ignore: pledge-coalition-exists") })
        let edit = try XCTUnwrap(suppress.edit.changes[pledges]?.first)
        XCTAssertEqual(edit.newText, " # concord-ignore: pledge-coalition-exists reason")
        workspace.change(uri: pledges, version: 2, changes: [TextDocumentContentChangeEvent(range: edit.range, text: edit.newText)])
        let published = workspace.check()
        XCTAssertEqual(codes(published, pledges), [])
        // Hover on the rule id in the comment explains the rule; definition goes to the rule.
        let hover = try XCTUnwrap(workspace.hover(pledges, Position(line: 4, character: 40)))
        XCTAssertTrue(hover.contents.value.hasPrefix("**pledge-coalition-exists** (error)"), hover.contents.value)
        XCTAssertTrue(hover.contents.value.contains("A violation:"), hover.contents.value)
        let definition = workspace.definition(pledges, Position(line: 4, character: 40))
        XCTAssertEqual(definition.map(\.uri), [FileURI.uri(root + "/Rules/references.yaml")])
    }
}
