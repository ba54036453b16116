import ConcordSupport

/// The storage of one node (32 bytes).
struct NodeRecord: Sendable {
    /// Byte offsets of the node's range.
    var start: UInt32
    var end: UInt32
    /// Scalars: index into `texts`. Collections: first slot in `children`.
    var a: UInt32
    /// Collections: number of slots in `children` (mappings use two per pair).
    var b: UInt32
    /// Scalars: the value's bits (int, double, bool), or for strings the text's `TextCode`.
    /// Mappings: the number of explicit pairs.
    var number: UInt64
    /// Bits 0–1 kind, 2–4 style, 5 flow, 6 has tag, 7 has anchor.
    var flags: UInt8
    var valueKind: UInt8

    static let nullValue: UInt8 = 0, boolValue: UInt8 = 1, intValue: UInt8 = 2, doubleValue: UInt8 = 3, stringValue: UInt8 = 4

    var kind: YAMLNode.Kind {
        switch flags & 3 {
        case 0: return .scalar
        case 1: return .sequence
        default: return .mapping
        }
    }

    var style: ScalarStyle {
        switch (flags >> 2) & 7 {
        case 1: return .singleQuoted
        case 2: return .doubleQuoted
        case 3: return .literal
        case 4: return .folded
        default: return .plain
        }
    }

    var isFlow: Bool { flags & 0x20 != 0 }
    var hasTag: Bool { flags & 0x40 != 0 }
    var hasAnchor: Bool { flags & 0x80 != 0 }

    var scalarValue: ScalarValue {
        switch valueKind {
        case NodeRecord.nullValue: return .null
        case NodeRecord.boolValue: return .bool(number != 0)
        case NodeRecord.intValue: return .int(Int64(bitPattern: number))
        case NodeRecord.doubleValue: return .double(Double(bitPattern: number))
        default: return .string
        }
    }

    static func flags(kind: YAMLNode.Kind, style: ScalarStyle = .plain, flow: Bool = false,
                      hasTag: Bool, hasAnchor: Bool) -> UInt8 {
        var f: UInt8
        switch kind {
        case .scalar: f = 0
        case .sequence: f = 1
        case .mapping: f = 2
        }
        let s: UInt8
        switch style {
        case .plain: s = 0
        case .singleQuoted: s = 1
        case .doubleQuoted: s = 2
        case .literal: s = 3
        case .folded: s = 4
        }
        f |= s << 2
        if flow { f |= 0x20 }
        if hasTag { f |= 0x40 }
        if hasAnchor { f |= 0x80 }
        return f
    }

    static func encode(_ value: ScalarValue) -> (UInt8, UInt64) {
        switch value {
        case .null: return (nullValue, 0)
        case .bool(let b): return (boolValue, b ? 1 : 0)
        case .int(let i): return (intValue, UInt64(bitPattern: i))
        case .double(let d): return (doubleValue, d.bitPattern)
        case .string: return (stringValue, 0)
        }
    }
}

/// A 64-bit code of a text, kept with string scalars so that key lookups compare integers.
/// Texts of up to 7 UTF-8 bytes are coded exactly (their bytes and their length: equal codes
/// mean equal texts); longer texts by a hash whose top byte is 0xFF (equal codes must then be
/// confirmed on the bytes).
enum TextCode {
    static func of(_ text: String) -> UInt64 {
        if let code = text.utf8.withContiguousStorageIfAvailable(of) { return code }
        return of(Array(text.utf8))
    }

    static func of(_ bytes: some Collection<UInt8>) -> UInt64 {
        let count = bytes.count
        if count <= 7 {
            var code = UInt64(count) << 56
            var shift: UInt64 = 0
            for byte in bytes {
                code |= UInt64(byte) << shift
                shift += 8
            }
            return code
        }
        return (FNV1a.hash(bytes) & 0x00ff_ffff_ffff_ffff) | (0xff << 56)
    }

    @inline(__always)
    static func isExact(_ code: UInt64) -> Bool { code >> 56 != 0xff }
}
