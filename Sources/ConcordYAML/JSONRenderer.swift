import ConcordDiagnostics
import ConcordSupport

/// Renders loaded nodes as JSON: the resolved value (what rules see), or with `positions` every
/// node wrapped with its kind, style, tag and range. Aliases are expanded (bounded by the
/// loader's alias limit). Non-finite floats, which JSON cannot hold, become the strings
/// `".inf"`, `"-.inf"` and `".nan"`.
public enum JSONRenderer {
    public static func render(_ node: YAMLNode, positions: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(256)
        if positions { writePositioned(node, into: &out) } else { writeValue(node, into: &out) }
        return out
    }

    /// Renders `node` in chunks of about `chunkSize` bytes, handing each to `sink` (so that a
    /// large document is never held in memory as one string).
    public static func write(_ node: YAMLNode, positions: Bool = false, chunkSize: Int = 1 << 16,
                             to sink: @escaping (String) -> Void) {
        var chunk = ChunkedOutput(limit: chunkSize, sink: sink)
        if positions { writePositioned(node, into: &chunk) } else { writeValue(node, into: &chunk) }
        chunk.flush()
    }

    static func writeValue<Out: JSONOutput>(_ node: YAMLNode, into out: inout Out) {
        switch node.content {
        case let .scalar(text, value, _):
            writeScalar(text, value, into: &out)
        case .sequence(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                writeValue(item, into: &out)
            }
            out.append("]")
        case .mapping(let pairs):
            out.append("{")
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(",") }
                JSONText.writeQuoted(keyText(pair.key), into: &out)
                out.append(":")
                writeValue(pair.value, into: &out)
            }
            out.append("}")
        }
    }

    /// A JSON object key for any YAML key: a scalar's text, or a collection's JSON.
    static func keyText(_ key: YAMLNode) -> String {
        switch key.content {
        case let .scalar(text, value, _):
            switch value {
            case .null: return text.isEmpty ? "" : "null"
            default: return text
            }
        default:
            return render(key)
        }
    }

    static func writeScalar<Out: JSONOutput>(_ text: String, _ value: ScalarValue, into out: inout Out) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .double(let d): out.append(formatDouble(d))
        case .string: JSONText.writeQuoted(text, into: &out)
        }
    }

    public static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "\".nan\"" }
        if d.isInfinite { return d < 0 ? "\"-.inf\"" : "\".inf\"" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }

    static func writePositioned<Out: JSONOutput>(_ node: YAMLNode, into out: inout Out) {
        out.append("{\"kind\":")
        switch node.content {
        case .scalar(_, _, let style):
            out.append("\"scalar\",\"style\":\"\(style.rawValue)\"")
        case .sequence:
            out.append("\"sequence\"")
        case .mapping:
            out.append("\"mapping\"")
        }
        if let tag = node.tag {
            out.append(",\"tag\":")
            JSONText.writeQuoted(tag, into: &out)
        }
        if let anchor = node.anchor {
            out.append(",\"anchor\":")
            JSONText.writeQuoted(anchor, into: &out)
        }
        out.append(",\"range\":")
        writeRange(node.range, into: &out)
        switch node.content {
        case let .scalar(text, value, _):
            out.append(",\"value\":")
            writeScalar(text, value, into: &out)
        case .sequence(let items):
            out.append(",\"items\":[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                writePositioned(item, into: &out)
            }
            out.append("]")
        case .mapping(let pairs):
            out.append(",\"entries\":[")
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(",") }
                out.append("{\"key\":")
                writePositioned(pair.key, into: &out)
                out.append(",\"value\":")
                writePositioned(pair.value, into: &out)
                if pair.isMerged { out.append(",\"merged\":true") }
                out.append("}")
            }
            out.append("]")
        }
        out.append("}")
    }

    static func writeRange<Out: JSONOutput>(_ r: SourceRange, into out: inout Out) {
        out.append("{\"start\":{\"line\":\(r.start.line),\"column\":\(r.start.column),\"offset\":\(r.start.offset)},")
        out.append("\"end\":{\"line\":\(r.end.line),\"column\":\(r.end.column),\"offset\":\(r.end.offset)}}")
    }
}

/// Buffers output and hands it on in chunks.
struct ChunkedOutput: JSONOutput {
    let limit: Int
    let sink: (String) -> Void
    var buffer = ""

    init(limit: Int, sink: @escaping (String) -> Void) {
        self.limit = limit
        self.sink = sink
        buffer.reserveCapacity(limit + 1024)
    }

    mutating func append(_ text: String) {
        buffer.append(text)
        if buffer.utf8.count >= limit { flush() }
    }

    mutating func append(_ scalar: Unicode.Scalar) { buffer.unicodeScalars.append(scalar) }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
