import ConcordSupport

/// One node's fields (a value assembled from a `NodeStore`, which keeps them in 18 bytes).
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
    /// A scalar whose value is a string.
    var isStringScalar: Bool { kind == .scalar && valueKind == NodeRecord.stringValue }
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

/// The nodes of a file in 18 bytes each: 16 of offsets and value, 2 of kind, style and flags.
/// What a node's range already says is not stored again: a collection's children (first slot,
/// count) share the value's 8 bytes; a scalar read as written (plain on one line, or quoted
/// without escapes) has its text just inside its range; a mapping's explicit pairs are all its
/// pairs unless merge keys added some. The rest (a few nodes) is kept aside.
struct NodeStore: Sendable {
    struct Fields: Sendable {
        var start: UInt32
        var end: UInt32
        /// Scalars: `NodeRecord.number`. Collections: first slot | slot count << 32.
        var number: UInt64
    }

    private var fields: [Fields] = []
    /// `flags | valueBits << 8` of each node (`aside` marks a node with fields kept aside).
    private var bits: [UInt16] = []
    /// Scalars whose text is not just inside their range, in id order, with their text's
    /// offset | length << 32.
    private var asideTextIDs: [Int32] = []
    private var asideTexts: [UInt64] = []
    /// Mappings with pairs from merge keys: their number of explicit pairs.
    private var explicitPairs: [Int32: UInt64] = [:]

    /// A `valueBits` bit: the node has fields in the aside tables.
    private static let aside: UInt8 = 0x40

    var count: Int { fields.count }

    mutating func reserveCapacity(_ n: Int) {
        fields.reserveCapacity(n)
        bits.reserveCapacity(n)
    }

    /// Appends a node (a collection's children and explicit pairs come with `close`).
    mutating func append(_ r: NodeRecord) {
        var valueBits = r.valueBits
        if r.kind == .scalar {
            let quote = Self.quoteWidth(r.flags)
            let inside = !r.textInArena && r.a == r.start &+ quote
                && UInt64(r.a) + UInt64(r.b) + UInt64(quote) == UInt64(r.end)
            if !inside {
                valueBits |= Self.aside
                asideTextIDs.append(Int32(truncatingIfNeeded: fields.count))
                asideTexts.append(UInt64(r.a) | UInt64(r.b) << 32)
            }
            fields.append(Fields(start: r.start, end: r.end, number: r.number))
        } else {
            fields.append(Fields(start: r.start, end: r.end, number: UInt64(r.a) | UInt64(r.b) << 32))
        }
        bits.append(UInt16(r.flags) | UInt16(valueBits) << 8)
    }

    /// Completes collection `i`: its end, its children's slots and (mappings) explicit pairs.
    mutating func close(collection i: Int, end: UInt32, first: UInt32, slots: UInt32, explicitPairs pairs: UInt64) {
        fields[i].end = end
        fields[i].number = UInt64(first) | UInt64(slots) << 32
        if bits[i] & 3 == 2, pairs != UInt64(slots / 2) {
            bits[i] |= UInt16(Self.aside) << 8
            explicitPairs[Int32(truncatingIfNeeded: i)] = pairs
        }
    }

    /// The kind of node `i` (without assembling its record).
    @inline(__always)
    func kind(_ i: Int) -> YAMLNode.Kind {
        switch bits[i] & 3 {
        case 0: return .scalar
        case 1: return .sequence
        default: return .mapping
        }
    }

    /// Whether node `i` is a string scalar whose `TextCode` is `code` (its text is then to be
    /// compared only when the code is a hash).
    @inline(__always)
    func isString(_ i: Int, code: UInt64) -> Bool {
        // Kind (bits 0–1) scalar, value kind (bits 8–10) string.
        fields[i].number == code && bits[i] & 0x0703 == UInt16(NodeRecord.stringValue) << 8
    }

    subscript(i: Int) -> NodeRecord {
        @inline(__always) get { record(i) }
    }

    @inline(__always)
    private func record(_ i: Int) -> NodeRecord {
        let f = fields[i], k = bits[i]
        let flags = UInt8(truncatingIfNeeded: k), valueBits = UInt8(truncatingIfNeeded: k >> 8)
        let isAside = valueBits & Self.aside != 0
        if flags & 3 != 0 {
            let a = UInt32(truncatingIfNeeded: f.number), b = UInt32(truncatingIfNeeded: f.number >> 32)
            var pairs: UInt64 = 0
            if flags & 3 == 2 { pairs = isAside ? explicitPairs(of: i, slots: b) : UInt64(b / 2) }
            return NodeRecord(start: f.start, end: f.end, a: a, b: b, number: pairs, flags: flags, valueBits: valueBits)
        }
        var a: UInt32, b: UInt32
        if isAside, let text = asideText(of: i) {
            a = UInt32(truncatingIfNeeded: text)
            b = UInt32(truncatingIfNeeded: text >> 32)
        } else {
            let quote = Self.quoteWidth(flags)
            a = f.start &+ quote
            b = f.end &- f.start &- 2 &* quote
        }
        return NodeRecord(start: f.start, end: f.end, a: a, b: b, number: f.number, flags: flags, valueBits: valueBits)
    }

    @inline(never)
    private func explicitPairs(of i: Int, slots: UInt32) -> UInt64 {
        explicitPairs[Int32(truncatingIfNeeded: i)] ?? UInt64(slots / 2)
    }

    @inline(never)
    private func asideText(of i: Int) -> UInt64? {
        let id = Int32(truncatingIfNeeded: i)
        var lo = 0, hi = asideTextIDs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if asideTextIDs[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < asideTextIDs.count && asideTextIDs[lo] == id ? asideTexts[lo] : nil
    }

    /// 1 for a quoted scalar's flags (its text starts after the quote), else 0.
    @inline(__always)
    private static func quoteWidth(_ flags: UInt8) -> UInt32 {
        let style = (flags >> 2) & 7
        return style == 1 || style == 2 ? 1 : 0
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

    /// The bytes of a text from its exact code (see `isExact`).
    static func bytes(ofExact code: UInt64) -> [UInt8] {
        let count = Int(min(code >> 56, 7))
        return (0..<count).map { UInt8(truncatingIfNeeded: code >> (8 * UInt64($0))) }
    }
}
