import ConcordDiagnostics
import ConcordSupport

/// A loaded file: its bytes, its line table and the storage of all its nodes. Immutable.
public final class YAMLFile: Sendable {
    /// The file as given to the loader (usually relative to the current folder).
    public let path: String
    /// The file's bytes (for code frames and columns).
    public let bytes: [UInt8]
    let lines: LineTable
    let records: NodeStore
    /// The texts of the scalars that are not slices of `bytes`, end to end.
    let textArena: [UInt8]
    let children: [Int32]
    let tags: [Int32: String]
    let anchors: [Int32: String]
    /// The first node id of each document, in order.
    let documentStarts: [Int32]
    public let documentRoots: [Int32]

    init(path: String, bytes: [UInt8], lines: LineTable, records: NodeStore, textArena: [UInt8],
         children: [Int32], tags: [Int32: String], anchors: [Int32: String],
         documentStarts: [Int32], documentRoots: [Int32]) {
        self.path = path
        self.bytes = bytes
        self.lines = lines
        self.records = records
        self.textArena = textArena
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
    public func kind(of id: Int32) -> YAMLNode.Kind { records.kind(Int(id)) }

    /// The resolved value of scalar `id` (nil for collections).
    public func scalarValue(of id: Int32) -> ScalarValue? {
        let r = records[Int(id)]
        return r.kind == .scalar ? r.scalarValue : nil
    }

    /// The text of scalar `id` (nil for collections).
    public func scalarText(of id: Int32) -> String? {
        let r = records[Int(id)]
        return r.kind == .scalar ? text(of: r) : nil
    }

    /// The text of scalar `id` when its value is a string (nil otherwise).
    public func stringValue(of id: Int32) -> String? {
        let r = records[Int(id)]
        return r.isStringScalar ? text(of: r) : nil
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

    /// The byte offsets of node `id`'s span (as `YAMLNode.byteRange`).
    public func byteRange(of id: Int32) -> Range<Int> {
        let r = records[Int(id)]
        return Int(r.start)..<max(Int(r.start), Int(r.end))
    }

    /// The key and value ids of pair `index` of mapping `id`.
    public func pair(_ index: Int, ofMapping id: Int32) -> (key: Int32, value: Int32)? {
        let r = records[Int(id)]
        guard r.kind == .mapping, index >= 0, index < Int(r.b) / 2 else { return nil }
        return (children[Int(r.a) + 2 * index], children[Int(r.a) + 2 * index + 1])
    }

    /// The value id for the string key `key` in mapping `id` (first match).
    public func value(forKey key: String, inMapping id: Int32) -> Int32? {
        value(forKey: KeyName(key), inMapping: id)
    }

    /// The value id for the key `key` in mapping `id` (first match), with the key's code
    /// computed once for many lookups.
    public func value(forKey key: KeyName, inMapping id: Int32) -> Int32? {
        let r = records[Int(id)]
        guard r.kind == .mapping else { return nil }
        // The storage's own indexes are in range: the scan reads the slots without bounds checks.
        return children.withUnsafeBufferPointer { slots in
            var slot = Int(r.a)
            let end = slot + Int(r.b)
            while slot < end {
                if isStringKey(slots[slot], code: key.code.raw, text: key.text) { return slots[slot + 1] }
                slot += 2
            }
            return nil
        }
    }

    /// Whether node `id` is a string scalar whose text is `key`'s, byte for byte.
    public func isString(_ id: Int32, named key: KeyName) -> Bool {
        isStringKey(id, code: key.code.raw, text: key.text)
    }

    /// The code of string scalar `id`'s text (nil for other nodes): equal to a `KeyName`'s code
    /// when the texts are equal, so that one node can be compared with many names cheaply
    /// (confirm with `isString(_:named:)` unless the code `isExact`).
    public func keyCode(of id: Int32) -> KeyCode? {
        let r = records[Int(id)]
        guard r.isStringScalar else { return nil }
        return KeyCode(raw: r.number)
    }

    /// Whether node `id` is a scalar whose value is a string (`stringValue(of:)` without
    /// making the string).
    public func isStringValue(_ id: Int32) -> Bool {
        records[Int(id)].isStringScalar
    }

    /// Whether node `id` is the string scalar `text`, whose `TextCode` is `code` (string scalars
    /// keep their code, so most keys are told apart by it without reading their text).
    @inline(__always)
    func isStringKey(_ id: Int32, code: UInt64, text: String) -> Bool {
        records.isString(Int(id), code: code) && (TextCode.isExact(code) || hasText(records[Int(id)], text))
    }

    /// The text of scalar record `r`.
    @inline(__always)
    func text(of r: NodeRecord) -> String {
        withTextBytes(of: r) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the text of scalar record `r`.
    @inline(__always)
    func withTextBytes<T>(of r: NodeRecord, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let range = Int(r.a)..<Int(r.a) + Int(r.b)
        if r.textInArena {
            return textArena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether the text of scalar record `r` is `text`, byte for byte (`ExactText`).
    func hasText(_ r: NodeRecord, _ text: String) -> Bool {
        Int(r.b) == text.utf8.count && withTextBytes(of: r) { ExactText.same($0, text) }
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

/// A key's text with its `TextCode`, computed once for the many mappings it is looked up in
/// (`YAMLFile.value(forKey:inMapping:)`, `YAMLFile.isString(_:named:)`).
public struct KeyName: Sendable {
    public let text: String
    public let code: KeyCode

    public init(_ text: String) {
        self.text = text
        code = KeyCode(raw: TextCode.of(text))
    }
}

/// The `TextCode` of a key's text: equal texts have equal codes; equal codes mean equal texts
/// when `isExact` (texts of up to 7 bytes).
public struct KeyCode: Hashable, Sendable {
    let raw: UInt64
    public var isExact: Bool { TextCode.isExact(raw) }
}
