import ConcordSupport

/// A JSON value with ordered object keys, written by hand so that the output is stable and
/// independent of Foundation's encoder (key order, escaping, number formatting).
indirect enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made as they are written (`count` of them, element `i` by
    /// `element(i)`), so that a report's diagnostics are never all held as JSON values at once.
    case elements(count: Int, element: (Int) -> JSONValue)
    case object([(String, JSONValue)])

    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }

    /// Pretty-printed with two-space indentation, ending with a newline.
    func rendered() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Writes the value pretty-printed with two-space indentation, ending with a newline.
    func write<Out: ReportStream>(to out: inout Out) {
        write(into: &out, indent: 0)
        out.write("\n")
    }

    private func write<Out: ReportStream>(into out: inout Out, indent: Int) {
        switch self {
        case .null: out.write("null")
        case .bool(let b): out.write(b ? "true" : "false")
        case .int(let i): out.write(String(i))
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { out.write(String(Int(d))) } else { out.write("\(d)") }
            } else {
                out.write("null")
            }
        case .string(let s): JSONText.writeQuoted(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.write("[]"); return }
            out.write("[\n")
            for (i, item) in items.enumerated() {
                out.write(Text.spaces(indent + 2))
                item.write(into: &out, indent: indent + 2)
                out.write(i + 1 < items.count ? ",\n" : "\n")
            }
            out.write(Text.spaces(indent) + "]")
        case .elements(let count, let element):
            if count == 0 { out.write("[]"); return }
            out.write("[\n")
            for i in 0..<count {
                out.write(Text.spaces(indent + 2))
                element(i).write(into: &out, indent: indent + 2)
                out.write(i + 1 < count ? ",\n" : "\n")
            }
            out.write(Text.spaces(indent) + "]")
        case .object(let members):
            if members.isEmpty { out.write("{}"); return }
            out.write("{\n")
            for (i, (key, value)) in members.enumerated() {
                out.write(Text.spaces(indent + 2))
                JSONText.writeQuoted(key, into: &out)
                out.write(": ")
                value.write(into: &out, indent: indent + 2)
                out.write(i + 1 < members.count ? ",\n" : "\n")
            }
            out.write(Text.spaces(indent) + "}")
        }
    }
}
