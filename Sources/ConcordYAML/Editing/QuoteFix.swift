import ConcordDiagnostics

/// The fix of `yaml-ambiguous-scalar`: double-quote the plain scalar (safe: Concord, which
/// reads YAML 1.2, already reads it as that string; quoting makes YAML 1.1 tools agree).
enum QuoteFix {
    /// The fix for the plain scalar `text` at bytes `[start, end)` (an anchor before it is kept).
    static func make(text: String, bytes: [UInt8], start: Int, end: Int, file: String,
                     position: (Int) -> SourcePosition) -> Fix {
        var from = start
        while from < end, bytes[from] == UInt8(ascii: "&") {
            while from < end, bytes[from] != 0x20, bytes[from] != 0x09 { from += 1 }
            while from < end, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
        }
        let quoted = YAMLWriter.doubleQuoted(text)
        let edit = TextEdit(file: file, range: SourceRange(start: position(from), end: position(end)), newText: quoted)
        return Fix(description: LoaderRules.Message.quoteFix(quoted), applicability: .safe, edits: [edit])
    }
}
