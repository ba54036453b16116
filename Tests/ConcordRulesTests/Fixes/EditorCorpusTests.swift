import ConcordDiagnostics
import ConcordYAML
import Foundation
import XCTest
@testable import ConcordRules

/// Every edit the editor makes, on every node of the repository's own YAML (the dataset, the
/// rule pack, the examples: comments, both styles, quoting, anchors), leaves a file that loads
/// and changes no byte outside the edit.
final class EditorCorpusTests: XCTestCase {
    func testEveryEditOfEveryNodeKeepsTheFileLoadable() throws {
        let root = RuleExamplesTests.packageRoot
        guard case .success(let paths) = YAMLFileFinder.files(under: ["Datasets", "Rules", "examples"].map { root.appendingPathComponent($0).path }) else {
            return XCTFail("no YAML files found")
        }
        var edits = 0
        for path in paths {
            guard let file = YAMLLoader().load(path: path).yamlFile else { continue }
            // The CRLF twin of each file too.
            let crlf = String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
            for candidate in [file, YAMLLoader().load(text: crlf, file: path + " (CRLF)").yamlFile].compactMap({ $0 }) {
                let editor = YAMLEditor(candidate)
                // At most about 15 nodes per file, spread over it (every node would take minutes).
                let stride = max(1, candidate.nodeCount / 15)
                for index in Swift.stride(from: Int32(0), to: Int32(candidate.nodeCount), by: stride) {
                    guard let node = candidate.node(at: index) else { continue }
                    var made: [TextEdit?] = [editor.remove(node), editor.replace(node, with: .string("new value"))]
                    if node.mapping != nil { made.append(editor.set("added_key", of: node, to: .list([.int(1), .string("a: b")]))) }
                    if node.isScalar { made.append(editor.rename(node, to: "renamed key")) }
                    for edit in made.compactMap({ $0 }) {
                        edits += 1
                        check(edit, on: candidate)
                    }
                }
            }
        }
        XCTAssertGreaterThan(edits, 300)
        print("editor corpus: \(edits) edits checked")
    }

    private func check(_ edit: TextEdit, on file: YAMLFile) {
        let outcome = FixApplier.apply([Fix(description: "t", applicability: .safe, edits: [edit])], to: [file.path: file.bytes])
        guard let after = outcome.texts[file.path] else { return }
        let before = file.bytes
        let prefix = edit.byteRange.lowerBound, suffix = before.count - edit.byteRange.upperBound
        XCTAssertEqual(Array(after.prefix(prefix)), Array(before.prefix(prefix)))
        XCTAssertEqual(Array(after.suffix(suffix)), Array(before.suffix(suffix)))
        let loaded = YAMLLoader().load(bytes: after, file: file.path)
        if !loaded.succeeded {
            XCTFail("\(file.path): replacing \(edit.range.start.line):\(edit.range.start.column)-\(edit.range.end.line):\(edit.range.end.column) with \(edit.newText.debugDescription) breaks the file: \(loaded.diagnostics.first?.message ?? "")")
        }
    }
}
