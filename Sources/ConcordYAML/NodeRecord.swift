import ConcordSupport

/// One node's fields (a value assembled from a `NodeStore`, which keeps them in 26 bytes).
struct NodeRecord: Sendable {
    /// Byte offsets of the node's range.
    var start: UInt32
    var end: UInt32
    /// Scalars: byte offset of the text, in the file's bytes (most scalars read as they are
    /// written) or in its text arena (`textInArena`). Collections: first slot in `children`.
    var a: UInt32
    /// Scalars: the text's length in bytes. Collections: number of slots in `children`
    /// (mappings use two per pair).
    var b: UInt32
    /// Scalars: the value's bits (int, double, bool), or for strings the text's `TextCode`.
    /// Mappings: the number of explicit pairs.
    var number: UInt64
    /// Bits 0–1 kind, 2–4 style, 5 flow, 6 has tag, 7 has anchor.
    var flags: UInt8
    /// Bits 0–2 the value's kind (`nullValue`…`stringValue`), bit 7 `textInArena`.
    var valueBits: UInt8

    var valueKind: UInt8 { valueBits & 7 }
    /// The scalar's text is not a slice of the file (escapes, folding): it is in the arena.
    var textInArena: Bool { valueBits & 0x80 != 0 }
    static let inArena: UInt8 = 0x80

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

    init(start: UInt32, end: UInt32, a: UInt32, b: UInt32, number: UInt64, flags: UInt8, valueBits: UInt8) {
        self.start = start
        self.end = end
        self.a = a
        self.b = b
        self.number = number
        self.flags = flags
        self.valueBits = valueBits
    }

    init(_ fields: NodeStore.Fields, _ bits: UInt16) {
        self.init(start: fields.start, end: fields.end, a: fields.a, b: fields.b, number: fields.number,
                  flags: UInt8(truncatingIfNeeded: bits), valueBits: UInt8(truncatingIfNeeded: bits >> 8))
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

/// The nodes of a file: their 24 bytes of offsets and values in one array, their 2 bytes of
/// kind, style and flags in another (one array of `NodeRecord`s would pad each to 32 bytes).
struct NodeStore: Sendable {
    struct Fields: Sendable {
        var start: UInt32
        var end: UInt32
        var a: UInt32
        var b: UInt32
        var number: UInt64
    }

    private(set) var fields: [Fields] = []
    /// `flags | valueBits << 8` of each node.
    private(set) var bits: [UInt16] = []

    var count: Int { fields.count }

    mutating func reserveCapacity(_ n: Int) {
        fields.reserveCapacity(n)
        bits.reserveCapacity(n)
    }

    mutating func append(_ r: NodeRecord) {
        fields.append(Fields(start: r.start, end: r.end, a: r.a, b: r.b, number: r.number))
        bits.append(UInt16(r.flags) | UInt16(r.valueBits) << 8)
    }

    subscript(i: Int) -> NodeRecord {
        @inline(__always) get { NodeRecord(fields[i], bits[i]) }
        set {
            fields[i] = Fields(start: newValue.start, end: newValue.end, a: newValue.a, b: newValue.b, number: newValue.number)
            bits[i] = UInt16(newValue.flags) | UInt16(newValue.valueBits) << 8
        }
    }

    /// Calls `body` with a reader of the nodes that skips bounds checks (for the storage's own
    /// indexes, which are in range).
    func withUnsafeReader<T>(_ body: (UnsafeReader) -> T) -> T {
        fields.withUnsafeBufferPointer { f in bits.withUnsafeBufferPointer { b in body(UnsafeReader(fields: f, bits: b)) } }
    }

    struct UnsafeReader {
        let fields: UnsafeBufferPointer<Fields>
        let bits: UnsafeBufferPointer<UInt16>
        @inline(__always) subscript(i: Int) -> NodeRecord { NodeRecord(fields[i], bits[i]) }
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
