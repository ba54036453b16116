import Collections
import Foundation

extension Value {
    /// The tagged JSON form used by the conformance data: `{"int": "1"}`, `{"uint": "1"}`,
    /// `{"double": 1.5}` (or `"NaN"`, `"Infinity"`, `"-Infinity"`), `{"string": s}`,
    /// `{"bytes": base64}`, `{"bool": b}`, `{"null": null}`, `{"list": [V…]}`,
    /// `{"map": [[K, V]…]}`, `{"type": "int"}`, plus `{"timestamp": rfc3339}`,
    /// `{"duration": "1.5s"}`, `{"error": message}` and, for opaque values,
    /// `{<type name>: <its jsonValue>}`.
    public var taggedJSON: JSONValue {
        switch self {
        case .int(let i): return .object([("int", .string(String(i)))])
        case .uint(let u): return .object([("uint", .string(String(u)))])
        case .double(let d):
            if d.isNaN { return .object([("double", .string("NaN"))]) }
            if d.isInfinite { return .object([("double", .string(d < 0 ? "-Infinity" : "Infinity"))]) }
            return .object([("double", .double(d))])
        case .string(let s): return .object([("string", .string(s))])
        case .bytes(let b): return .object([("bytes", .string(Data(b).base64EncodedString()))])
        case .bool(let b): return .object([("bool", .bool(b))])
        case .null: return .object([("null", .null)])
        case .list(let l): return .object([("list", .array(l.elements.map(\.taggedJSON)))])
        case .map(let m):
            return .object([("map", .array(m.entries.map { .array([$0.key.value.taggedJSON, $0.value.taggedJSON]) }))])
        case .type(let t): return .object([("type", .string(t.name))])
        case .timestamp(let t): return .object([("timestamp", .string(t.description))])
        case .duration(let d): return .object([("duration", .string(d.description))])
        case .error(let e): return .object([("error", .string(e.message))])
        case .opaque(let o): return .object([(o.celType.name, o.jsonValue)])
        }
    }

    /// Decodes the tagged JSON form (see `taggedJSON`). Throws on malformed input.
    public init(taggedJSON json: JSONValue) throws(CELError) {
        guard case .object(let members) = json, members.count == 1 else {
            throw CELError("tagged value must be an object with one member: \(json.text)")
        }
        let (tag, body) = members[0]
        switch (tag, body) {
        case ("int", .string(let s)):
            guard let i = Int64(s) else { throw CELError("bad int \(s)") }
            self = .int(i)
        case ("int", .int(let i)): self = .int(i)
        case ("uint", .string(let s)):
            guard let u = UInt64(s) else { throw CELError("bad uint \(s)") }
            self = .uint(u)
        case ("uint", .int(let i)) where i >= 0: self = .uint(UInt64(i))
        case ("uint", .uint(let u)): self = .uint(u)
        case ("double", .double(let d)): self = .double(d)
        case ("double", .int(let i)): self = .double(Double(i))
        case ("double", .uint(let u)): self = .double(Double(u))
        case ("double", .string(let s)):
            switch s {
            case "NaN": self = .double(.nan)
            case "Infinity": self = .double(.infinity)
            case "-Infinity": self = .double(-.infinity)
            default:
                guard let d = Double(s) else { throw CELError("bad double \(s)") }
                self = .double(d)
            }
        case ("string", .string(let s)): self = .string(s)
        case ("bytes", .string(let s)):
            guard let d = Data(base64Encoded: s) else { throw CELError("bad base64 \(s)") }
            self = .bytes([UInt8](d))
        case ("bool", .bool(let b)): self = .bool(b)
        case ("null", _): self = .null
        case ("list", .array(let items)):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try Value(taggedJSON: item)) }
            self = .list(ListValue(out))
        case ("map", .array(let pairs)):
            var d = OrderedDictionary<MapKey, Value>()
            for pair in pairs {
                guard case .array(let kv) = pair, kv.count == 2 else { throw CELError("bad map entry \(pair.text)") }
                let kval = try Value(taggedJSON: kv[0])
                guard let k = MapKey(kval) else { throw CELError("bad map key \(kv[0].text)") }
                d[k] = try Value(taggedJSON: kv[1])
            }
            self = .map(MapValue(d))
        case ("type", .string(let s)): self = .type(CELType.denotable[s] ?? CELType(name: s))
        case ("timestamp", .string(let s)):
            guard let t = CELTimestamp(rfc3339: s) else { throw CELError("bad timestamp \(s)") }
            self = .timestamp(t)
        case ("duration", .string(let s)):
            guard let d = CELDuration(parsing: s) else { throw CELError("bad duration \(s)") }
            self = .duration(d)
        case ("error", .string(let s)): self = .error(CELError(s))
        default:
            throw CELError("unsupported tagged value: \(json.text)")
        }
    }

    /// A plain JSON rendering: numbers as numbers, bytes as base64, timestamps and durations as
    /// strings, maps as objects (keys rendered as strings), types by name, errors as `null`.
    public var plainJSON: JSONValue {
        switch self {
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .string(Data(b).base64EncodedString())
        case .bool(let b): return .bool(b)
        case .null, .error: return .null
        case .list(let l): return .array(l.elements.map(\.plainJSON))
        case .map(let m):
            return .object(m.entries.map { (k, v) in
                let key: String
                switch k {
                case .string(let s): key = s
                case .int(let i): key = String(i)
                case .uint(let u): key = String(u)
                case .bool(let b): key = b ? "true" : "false"
                }
                return (key, v.plainJSON)
            })
        case .type(let t): return .string(t.name)
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        case .opaque(let o): return o.jsonValue
        }
    }
}
