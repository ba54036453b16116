import ConcordDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a scalar was written.
public enum ScalarStyle: String, Sendable, Codable {
    case plain
    case singleQuoted = "single-quoted"
    case doubleQuoted = "double-quoted"
    case literal
    case folded
}

/// A scalar's value after resolution by the YAML 1.2 core schema (or by its explicit tag).
public enum ScalarValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A string; the text is the scalar's `text`.
    case string
}

/// A node of a loaded YAML document: a light handle (the file's storage and an index) with the
/// node's exact source range, tag, style and value. Aliases share the anchored node: every use
/// of `*a` yields a handle equal to the one of `&a`.
public struct YAMLNode: Sendable, Hashable {
    public let file: YAMLFile
    let id: Int32

    init(file: YAMLFile, id: Int32) {
        self.file = file
        self.id = id
    }

    public static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.id == b.id && a.file === b.file }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(id)
    }

    public enum Kind: Sendable { case scalar, sequence, mapping }

    public enum Content: Sendable {
        case scalar(text: String, value: ScalarValue, style: ScalarStyle)
        case sequence(YAMLSequence)
        case mapping(YAMLMapping)
    }

    var record: NodeRecord { file.records[Int(id)] }

    /// The node's index in its file's storage (stable for the life of the file).
    public var index: Int32 { id }

    public var kind: Kind { record.kind }

    public var content: Content {
        let r = record
        switch r.kind {
        case .scalar: return .scalar(text: file.texts[Int(r.a)], value: r.scalarValue, style: r.style)
        case .sequence: return .sequence(YAMLSequence(file: file, start: Int(r.a), count: Int(r.b)))
        case .mapping: return .mapping(YAMLMapping(file: file, start: Int(r.a), count: Int(r.b) / 2,
                                                  explicitCount: Int(r.number)))
        }
    }

    // MARK: Source

    /// The node's span: from its first character (a collection's opening bracket or first
    /// entry, a scalar's anchor, tag or opening quote) to just after its last character.
    public var range: SourceRange {
        let r = record
        return SourceRange(start: file.position(ofOffset: Int(r.start)), end: file.position(ofOffset: Int(r.end)))
    }

    /// The byte offsets of `range`, without computing lines and columns.
    public var byteRange: Range<Int> {
        let r = record
        return Int(r.start)..<max(Int(r.start), Int(r.end))
    }

    /// 1-based index of the document the node belongs to.
    public var documentIndex: Int { file.documentIndex(ofNode: id) }

    public var location: SourceLocation {
        SourceLocation(file: file.path, range: range, document: file.isMultiDocument ? documentIndex : nil)
    }

    /// The tag as libyaml resolved it (`tag:yaml.org,2002:str` for `!!str`, `!` for the
    /// non-specific tag, `!local` as written), or nil when the node has no explicit tag.
    public var tag: String? { record.hasTag ? file.tags[id] : nil }
    public var anchor: String? { record.hasAnchor ? file.anchors[id] : nil }
    /// Flow style (`[...]`, `{...}`) for collections.
    public var isFlow: Bool { record.isFlow }

    // MARK: Convenience

    public var isScalar: Bool { record.kind == .scalar }

    /// The scalar's text (after YAML unescaping and folding), or nil for collections.
    public var scalarText: String? {
        let r = record
        return r.kind == .scalar ? file.texts[Int(r.a)] : nil
    }

    /// The resolved value of a scalar, or nil for collections.
    public var scalarValue: ScalarValue? {
        let r = record
        return r.kind == .scalar ? r.scalarValue : nil
    }

    public var scalarStyle: ScalarStyle? {
        let r = record
        return r.kind == .scalar ? r.style : nil
    }

    /// The scalar's text when it resolves to a string.
    public var stringValue: String? {
        let r = record
        return r.kind == .scalar && r.valueKind == NodeRecord.stringValue ? file.texts[Int(r.a)] : nil
    }

    public var sequence: YAMLSequence? {
        let r = record
        return r.kind == .sequence ? YAMLSequence(file: file, start: Int(r.a), count: Int(r.b)) : nil
    }

    public var mapping: YAMLMapping? {
        let r = record
        return r.kind == .mapping ? YAMLMapping(file: file, start: Int(r.a), count: Int(r.b) / 2,
                                               explicitCount: Int(r.number)) : nil
    }

    /// The value for a string key in a mapping, or nil.
    public subscript(key: String) -> YAMLNode? { mapping?.value(forKey: key) }

    /// The key node for a string key in a mapping, or nil.
    public func keyNode(_ key: String) -> YAMLNode? { mapping?.pair(forKey: key)?.key }
}

extension YAMLNode {
    /// Runs `body` with the node's file without retaining it, for walks by node index on
    /// several cores that must not contend for the file's reference count. The node keeps the
    /// file alive during the call; `body` must not keep the file beyond it.
    package func withUnsafeUnretainedFile<T>(_ body: (YAMLFile) -> T) -> T {
        Unmanaged.passUnretained(file)._withUnsafeGuaranteedRef(body)
    }
}

/// The items of a sequence node.
public struct YAMLSequence: RandomAccessCollection, Sendable {
    let file: YAMLFile
    let start: Int
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> YAMLNode { YAMLNode(file: file, id: file.children[start + i]) }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    public let key: YAMLNode
    public let value: YAMLNode
    /// True when the pair was brought in by a `<<` merge key rather than written in this mapping.
    public let isMerged: Bool
}

/// The pairs of a mapping node: the pairs written in it, then those brought in by merge keys.
public struct YAMLMapping: RandomAccessCollection, Sendable {
    let file: YAMLFile
    let start: Int
    public let count: Int
    let explicitCount: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> YAMLPair {
        YAMLPair(key: YAMLNode(file: file, id: file.children[start + 2 * i]),
                 value: YAMLNode(file: file, id: file.children[start + 2 * i + 1]),
                 isMerged: i >= explicitCount)
    }

    /// The first pair whose key is the string `key`.
    public func pair(forKey key: String) -> YAMLPair? {
        let code = TextCode.of(key)
        for i in 0..<count where file.isStringKey(file.records[Int(file.children[start + 2 * i])], code: code, text: key) {
            return self[i]
        }
        return nil
    }

    public func value(forKey key: String) -> YAMLNode? { pair(forKey: key)?.value }
}

/// One loaded document of a file.
public struct YAMLDocument: Sendable {
    public let file: YAMLFile
    /// 1-based index of the document in its file.
    public let index: Int
    public let root: YAMLNode
    public var path: String { file.path }
}

/// A loaded file: its bytes, its line table and the storage of all its nodes. Immutable.
public final class YAMLFile: Sendable {
    /// The file as given to the loader (usually relative to the current folder).
    public let path: String
    /// The file's bytes (for code frames and columns).
    public let bytes: [UInt8]
    let lines: LineTable
    let records: [NodeRecord]
    let texts: [String]
    let children: [Int32]
    let tags: [Int32: String]
    let anchors: [Int32: String]
    /// The first node id of each document, in order.
    let documentStarts: [Int32]
    public let documentRoots: [Int32]

    init(path: String, bytes: [UInt8], lines: LineTable, records: [NodeRecord], texts: [String],
         children: [Int32], tags: [Int32: String], anchors: [Int32: String],
         documentStarts: [Int32], documentRoots: [Int32]) {
        self.path = path
        self.bytes = bytes
        self.lines = lines
        self.records = records
        self.texts = texts
        self.children = children
        self.tags = tags
        self.anchors = anchors
        self.documentStarts = documentStarts
        self.documentRoots = documentRoots
    }

    /// The documents of the file.
    public var documents: [YAMLDocument] {
        documentRoots.enumerated().map { YAMLDocument(file: self, index: $0.offset + 1, root: YAMLNode(file: self, id: $0.element)) }
    }

    /// The number of nodes stored for the file.
    public var nodeCount: Int { records.count }

    /// The node with a given index, if it exists.
    public func node(at index: Int32) -> YAMLNode? {
        index >= 0 && Int(index) < records.count ? YAMLNode(file: self, id: index) : nil
    }

    // MARK: Index-level access (for evaluators that walk the storage without building handles)

    /// The kind of node `id`.
    public func kind(of id: Int32) -> YAMLNode.Kind { records[Int(id)].kind }

    /// The resolved value of scalar `id` (nil for collections).
    public func scalarValue(of id: Int32) -> ScalarValue? {
        let r = records[Int(id)]
        return r.kind == .scalar ? r.scalarValue : nil
    }

    /// The text of scalar `id` (nil for collections).
    public func scalarText(of id: Int32) -> String? {
        let r = records[Int(id)]
        return r.kind == .scalar ? texts[Int(r.a)] : nil
    }

    /// The text of scalar `id` when its value is a string (nil otherwise).
    public func stringValue(of id: Int32) -> String? {
        let r = records[Int(id)]
        return r.kind == .scalar && r.valueKind == NodeRecord.stringValue ? texts[Int(r.a)] : nil
    }

    /// The number of pairs written in mapping `id` (its first pairs; those after them come
    /// from merge keys). 0 for other nodes.
    public func explicitPairCount(ofMapping id: Int32) -> Int {
        let r = records[Int(id)]
        return r.kind == .mapping ? Int(r.number) : 0
    }

    /// The number of items of a sequence, or of pairs of a mapping (0 for scalars).
    public func count(of id: Int32) -> Int {
        let r = records[Int(id)]
        switch r.kind {
        case .scalar: return 0
        case .sequence: return Int(r.b)
        case .mapping: return Int(r.b) / 2
        }
    }

    /// Item `index` of sequence `id`.
    public func item(_ index: Int, ofSequence id: Int32) -> Int32? {
        let r = records[Int(id)]
        guard r.kind == .sequence, index >= 0, index < Int(r.b) else { return nil }
        return children[Int(r.a) + index]
    }

    /// The key and value ids of pair `index` of mapping `id`.
    public func pair(_ index: Int, ofMapping id: Int32) -> (key: Int32, value: Int32)? {
        let r = records[Int(id)]
        guard r.kind == .mapping, index >= 0, index < Int(r.b) / 2 else { return nil }
        return (children[Int(r.a) + 2 * index], children[Int(r.a) + 2 * index + 1])
    }

    /// The value id for the string key `key` in mapping `id` (first match).
    public func value(forKey key: String, inMapping id: Int32) -> Int32? {
        let r = records[Int(id)]
        guard r.kind == .mapping else { return nil }
        let code = TextCode.of(key)
        // The storage's own indexes are in range: the scan reads it without bounds checks.
        return records.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { slots in
                var slot = Int(r.a)
                let end = slot + Int(r.b)
                while slot < end {
                    if isStringKey(nodes[Int(slots[slot])], code: code, text: key) { return slots[slot + 1] }
                    slot += 2
                }
                return nil
            }
        }
    }

    /// Whether node `k` is the string scalar `text`, whose `TextCode` is `code` (string scalars
    /// keep their code, so most keys are told apart by it without reading their text).
    @inline(__always)
    func isStringKey(_ k: NodeRecord, code: UInt64, text: String) -> Bool {
        k.number == code && k.kind == .scalar && k.valueKind == NodeRecord.stringValue
            && (TextCode.isExact(code) || Self.sameText(texts[Int(k.a)], text))
    }

    /// Whether two keys are the same text (the same UTF-8 bytes; unlike `==`, which also
    /// equates canonically equivalent strings, and is slow on the common unequal case).
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        if let same = a.utf8.withContiguousStorageIfAvailable({ pa in
            b.utf8.withContiguousStorageIfAvailable { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count == pb.count }
                return memcmp(x, y, pa.count) == 0
            }
        }), let same {
            return same
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Whether the file holds several documents (then locations name the document).
    public var isMultiDocument: Bool { documentStarts.count > 1 }

    /// The file's text as a string (for code frames).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The line and column of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        lines.position(ofOffset: offset, in: bytes)
    }

    func documentIndex(ofNode id: Int32) -> Int {
        var lo = 0, hi = documentStarts.count - 1
        if hi < 0 { return 1 }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if documentStarts[mid] <= id { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }
}

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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return (hash & 0x00ff_ffff_ffff_ffff) | (0xff << 56)
    }

    @inline(__always)
    static func isExact(_ code: UInt64) -> Bool { code >> 56 != 0xff }
}
