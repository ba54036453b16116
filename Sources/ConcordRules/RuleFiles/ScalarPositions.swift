import ConcordDiagnostics
import ConcordYAML

/// Maps an offset inside a scalar's value (in Unicode scalars, as CEL and selector errors
/// report them) back to a position in the file, so that an error inside an expression points
/// at its column in the rule file.
///
/// Exact for single-line plain, single-quoted and double-quoted scalars (escapes included) and
/// for literal block scalars (`|`); other multi-line forms point at the scalar's start.
enum ScalarPositions {
    static func position(ofValueOffset offset: Int, in node: YAMLNode) -> SourcePosition {
        let range = node.range
        guard let style = node.scalarStyle, let value = node.scalarText else { return range.start }
        let raw = Array(String(decoding: node.file.bytes[node.byteRange], as: UTF8.self).unicodeScalars)
        switch style {
        case .plain, .singleQuoted, .doubleQuoted:
            guard range.start.line == range.end.line else { return range.start }
            let rawIndex = rawIndexOnOneLine(offset, raw: raw, style: style)
            return node.file.position(ofOffset: byteOffset(ofScalar: rawIndex, in: raw, from: range.start.offset))
        case .literal:
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            var remaining = offset
            var lineIndex = 0
            while lineIndex < lines.count - 1, remaining > lines[lineIndex].unicodeScalars.count {
                remaining -= lines[lineIndex].unicodeScalars.count + 1
                lineIndex += 1
            }
            // The content starts on the line after the `|` header, at the block's indentation.
            let headerLine = range.start.line
            let targetLine = headerLine + 1 + lineIndex
            let starts = contentLineStarts(node)
            guard targetLine - headerLine - 1 < starts.count else { return range.start }
            let lineStart = starts[targetLine - headerLine - 1]
            let position = node.file.position(ofOffset: lineStart)
            return SourcePosition(line: position.line, column: position.column + remaining,
                                  offset: lineStart + remaining)
        case .folded:
            return range.start
        }
    }

    /// The raw index (in the scalar's source text) of value offset `offset`.
    private static func rawIndexOnOneLine(_ offset: Int, raw: [Unicode.Scalar], style: ScalarStyle) -> Int {
        switch style {
        case .plain:
            return offset
        case .singleQuoted:
            var r = 1, v = 0
            while v < offset, r < raw.count {
                if raw[r] == "'", r + 1 < raw.count, raw[r + 1] == "'" { r += 2 } else { r += 1 }
                v += 1
            }
            return r
        case .doubleQuoted:
            var r = 1, v = 0
            while v < offset, r < raw.count {
                if raw[r] == "\\", r + 1 < raw.count {
                    switch raw[r + 1] {
                    case "x": r += 4
                    case "u": r += 6
                    case "U": r += 10
                    default: r += 2
                    }
                } else {
                    r += 1
                }
                v += 1
            }
            return r
        default:
            return offset
        }
    }

    private static func byteOffset(ofScalar index: Int, in raw: [Unicode.Scalar], from start: Int) -> Int {
        var bytes = start
        for scalar in raw.prefix(index) { bytes += UTF8.width(scalar) }
        return bytes
    }

    /// Byte offsets where each content line of a block scalar starts (after its indentation).
    private static func contentLineStarts(_ node: YAMLNode) -> [Int] {
        let bytes = node.file.bytes
        let range = node.byteRange
        var i = range.lowerBound
        // Skip the header line.
        while i < range.upperBound, bytes[i] != 0x0A { i += 1 }
        i += 1
        var starts: [Int] = []
        var indent: Int? = nil
        while i < range.upperBound || (i < bytes.count && starts.isEmpty) {
            var j = i
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            let isBlank = j >= bytes.count || bytes[j] == 0x0A
            if indent == nil, !isBlank { indent = j - i }
            starts.append(i + min(indent ?? (j - i), j - i))
            while j < bytes.count, bytes[j] != 0x0A { j += 1 }
            i = j + 1
            if i >= bytes.count { break }
        }
        return starts
    }
}
