import ConcordDiagnostics
import ConcordYAML

/// The fix of a key that a closed shape does not allow: rename it to the field the shape
/// suggests. Unsafe: the key may be meant as written, and a renamed key changes what the
/// record says (`member_cout: 2` becomes a count the rules then check).
enum ShapeFixes {
    enum Message {
        static func rename(_ from: String, _ to: String) -> String { "rename `\(from)` to `\(to)`" }
    }

    static func rename(_ key: Int32, in file: YAMLFile, from: String, to: String) -> [Fix] {
        guard let node = file.node(at: key), let edit = YAMLEditor(file).rename(node, to: to) else { return [] }
        return [Fix(description: Message.rename(from, to), applicability: .unsafe, edits: [edit])]
    }
}
