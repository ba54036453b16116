import ConcordDiagnostics

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
        case .scalar: return .scalar(text: file.text(of: r), value: r.scalarValue, style: r.style)
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
        return r.kind == .scalar ? file.text(of: r) : nil
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
        return r.isStringScalar ? file.text(of: r) : nil
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
        for i in 0..<count where file.isStringKey(file.children[start + 2 * i], code: code, text: key) {
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
