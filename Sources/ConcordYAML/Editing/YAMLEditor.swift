import ConcordDiagnostics

/// Byte-exact edits of a loaded file, made from its positioned tree: each edit replaces only
/// the bytes of the nodes it changes (and the separators that go with them), so comments,
/// quoting, key order, flow or block style, blank lines and line ends elsewhere stay as they
/// are. Every method returns nil when it cannot make a well-formed edit (a merged pair, an
/// explicit `?` key, a node it cannot place): no edit rather than a wrong one.
public struct YAMLEditor: Sendable {
    public let file: YAMLFile
    private var bytes: [UInt8] { file.bytes }

    public init(_ file: YAMLFile) {
        self.file = file
    }

    // MARK: Edits

    /// Replaces a node's value with `value`. A scalar keeps its quoting style when the new
    /// string allows it, its anchor and its tag; a value written into a flow collection stays
    /// flow; a block collection replaced by a non-empty collection stays block.
    public func replace(_ node: YAMLNode, with value: YAMLValue) -> TextEdit? {
        let inFlow = parent(of: node)?.container.isFlow ?? false
        let range = contentRange(of: node)
        let text: String
        switch (node.kind, value) {
        case (.scalar, _):
            let style = node.scalarStyle ?? .plain
            text = YAMLWriter.inline(value, style: style == .literal || style == .folded ? .doubleQuoted : style, inFlow: inFlow)
        case (.sequence, .list(let items)) where !node.isFlow && !items.isEmpty:
            let indent = String(repeating: " ", count: column(of: range.lowerBound))
            text = items.map { "- " + YAMLWriter.inline($0, inFlow: false) }.joined(separator: lineEnd + indent)
        case (.mapping, .map(let pairs)) where !node.isFlow && !pairs.isEmpty:
            let indent = String(repeating: " ", count: column(of: range.lowerBound))
            text = pairs.map { YAMLWriter.key($0.key, inFlow: false) + ": " + YAMLWriter.inline($0.value, inFlow: false) }
                .joined(separator: lineEnd + indent)
        default:
            text = YAMLWriter.inline(value, inFlow: inFlow || node.isFlow || node.isScalar)
        }
        return edit(range, text)
    }

    /// Sets `key` of `mapping` to `value`: replaces the value when the key is there, else adds
    /// the pair, after the last pair (`, key: value` in a flow mapping; a line at the
    /// mapping's indentation in a block mapping).
    public func set(_ key: String, of mapping: YAMLNode, to value: YAMLValue) -> TextEdit? {
        guard let pairs = mapping.mapping else { return nil }
        if let pair = pairs.pair(forKey: key) {
            guard !pair.isMerged else { return nil }
            return replace(pair.value, with: value)
        }
        let explicit = pairs.prefix { !$0.isMerged }
        if mapping.isFlow {
            let pairText = YAMLWriter.key(key, inFlow: true) + ": " + YAMLWriter.inline(value, inFlow: true)
            guard let last = explicit.last else {
                let start = mapping.byteRange.lowerBound
                guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
                return edit(start + 1..<start + 1, pairText)
            }
            let end = contentEnd(of: last.value, after: last.key)
            return edit(end..<end, ", " + pairText)
        }
        guard let first = explicit.first, let last = explicit.last, isAtLineStart(first.key) != nil else { return nil }
        let indent = String(repeating: " ", count: column(of: first.key.byteRange.lowerBound))
        let pairText = indent + YAMLWriter.key(key, inFlow: false) + ": " + YAMLWriter.inline(value, inFlow: false)
        let end = contentEnd(of: last.value, after: last.key)
        let (lineEndOffset, nextLine) = endOfLine(end)
        if nextLine > lineEndOffset { return edit(nextLine..<nextLine, pairText + lineEnd) }
        return edit(lineEndOffset..<lineEndOffset, lineEnd + pairText)
    }

    /// Renames a key (its quoting style kept when the new text allows it).
    public func rename(_ keyNode: YAMLNode, to newKey: String) -> TextEdit? {
        guard let place = parent(of: keyNode), case .key = place.role, keyNode.isScalar else { return nil }
        let style = keyNode.scalarStyle ?? .plain
        let text = YAMLWriter.key(newKey, style: style == .literal || style == .folded ? .doubleQuoted : style,
                                  inFlow: place.container.isFlow)
        return edit(contentRange(of: keyNode), text)
    }

    /// Double-quotes a plain scalar, so that every YAML version reads it as a string.
    public func quote(_ node: YAMLNode) -> TextEdit? {
        guard node.scalarStyle == .plain, let text = node.scalarText else { return nil }
        return edit(contentRange(of: node), YAMLWriter.doubleQuoted(text))
    }

    /// Removes a node from its collection: a list item, or a mapping pair given by its key or
    /// its value. In a block collection the item's lines go; in a flow collection the item
    /// and one comma; the last item leaves an empty `[]` or `{}`.
    public func remove(_ node: YAMLNode) -> TextEdit? {
        guard let place = parent(of: node) else { return nil }
        let container = place.container
        switch place.role {
        case .item(let index):
            guard let items = container.sequence else { return nil }
            let spans = items.map { ($0.byteRange.lowerBound, contentEnd(of: $0, after: nil)) }
            return removeSpan(index, spans: spans, container: container, indicator: UInt8(ascii: "-"))
        case .key(let index), .value(let index):
            guard let pairs = container.mapping, index < pairs.count, !pairs[index].isMerged else { return nil }
            let explicit = pairs.prefix { !$0.isMerged }
            let spans = explicit.map { ($0.key.byteRange.lowerBound, contentEnd(of: $0.value, after: $0.key)) }
            return removeSpan(index, spans: Array(spans), container: container, indicator: nil)
        }
    }

    /// Removes bytes `[start, end)` of a comment (see `CommentRemoval`).
    public func removeComment(start: Int, end: Int) -> TextEdit? {
        CommentRemoval.edit(bytes: bytes, start: start, end: end, file: file.path) { file.position(ofOffset: $0) }
    }

    // MARK: Where nodes are

    /// A node's place in its parent collection.
    public enum Role: Sendable, Equatable {
        case item(Int)
        case key(Int)
        case value(Int)
    }

    /// The collection that holds `node` and the node's place in it (nil for a document root).
    /// A node reached through aliases is found at its anchor.
    public func parent(of node: YAMLNode) -> (container: YAMLNode, role: Role)? {
        // Parents are stored before their children, and contain them: walk back from the node
        // to the first collection that lists it.
        let target = node.index
        let range = node.byteRange
        var id = target - 1
        while id >= 0 {
            let r = file.records[Int(id)]
            if r.kind != .scalar, Int(r.start) <= range.lowerBound, range.upperBound <= Int(r.end) {
                let count = Int(r.b)
                for slot in 0..<count where file.children[Int(r.a) + slot] == target {
                    let container = YAMLNode(file: file, id: id)
                    if r.kind == .sequence { return (container, .item(slot)) }
                    return (container, slot % 2 == 0 ? .key(slot / 2) : .value(slot / 2))
                }
            }
            id -= 1
        }
        return nil
    }

    // MARK: Text

    /// The line end the file uses (`\r\n` when its first line ends so).
    public var lineEnd: String {
        guard let i = bytes.firstIndex(of: 0x0A) else { return "\n" }
        return i > 0 && bytes[i - 1] == 0x0D ? "\r\n" : "\n"
    }

    private func edit(_ range: Range<Int>, _ text: String) -> TextEdit {
        TextEdit(file: file.path,
                 range: SourceRange(start: file.position(ofOffset: range.lowerBound), end: file.position(ofOffset: range.upperBound)),
                 newText: text)
    }

    /// A node's bytes without its anchor and tag (and, for block scalars, the line break after).
    func contentRange(of node: YAMLNode) -> Range<Int> {
        var range = node.byteRange
        var start = range.lowerBound
        if node.anchor != nil || node.tag != nil {
            while start < range.upperBound, bytes[start] == UInt8(ascii: "&") || bytes[start] == UInt8(ascii: "!") {
                while start < range.upperBound, !isBlank(bytes[start]) { start += 1 }
                while start < range.upperBound, isBlank(bytes[start]) { start += 1 }
            }
        }
        var end = range.upperBound
        if node.scalarStyle == .literal || node.scalarStyle == .folded {
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        }
        range = start..<max(start, end)
        return range
    }

    /// Where a value's last character ends (block scalars and collections without the blanks
    /// and line breaks after it; an empty value right after its key's colon).
    func contentEnd(of value: YAMLNode, after key: YAMLNode?) -> Int {
        let floor = key.map { $0.byteRange.upperBound } ?? value.byteRange.lowerBound
        var end = max(value.byteRange.upperBound, floor)
        while end > floor, isBlank(bytes[end - 1]) { end -= 1 }
        if let key, value.byteRange.isEmpty, value.scalarValue == .null {
            // `key:` with no value: end after the colon.
            var i = key.byteRange.upperBound
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") { end = i + 1 }
        }
        return end
    }

    private func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func lineStart(_ offset: Int) -> Int {
        var i = min(offset, bytes.count)
        while i > 0, bytes[i - 1] != 0x0A, bytes[i - 1] != 0x0D { i -= 1 }
        return i
    }

    /// The end of the line holding `offset` (before its line break), and the start of the next
    /// line (equal to the first when the file ends without a line break).
    private func endOfLine(_ offset: Int) -> (Int, Int) {
        var i = offset
        while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
        var next = i
        if next < bytes.count, bytes[next] == 0x0D { next += 1 }
        if next < bytes.count, bytes[next] == 0x0A { next += 1 }
        return (i, next)
    }

    /// The number of bytes between the start of the line and `offset` (indentation is spaces).
    private func column(of offset: Int) -> Int { offset - lineStart(offset) }

    /// The start of a node's line when only spaces and `- ` indicators come before the node
    /// on it (a block mapping's key), else nil.
    private func isAtLineStart(_ node: YAMLNode) -> Int? {
        let start = node.byteRange.lowerBound
        let ls = lineStart(start)
        let prefix = bytes[ls..<start]
        if prefix.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "-") }) { return ls }
        return nil
    }

    /// Removes span `index` of a collection whose items (or pairs) cover `spans`.
    private func removeSpan(_ index: Int, spans: [(Int, Int)], container: YAMLNode, indicator: UInt8?) -> TextEdit? {
        guard index < spans.count else { return nil }
        let (start, end) = spans[index]
        if container.isFlow {
            let range = container.byteRange
            guard range.count >= 2 else { return nil }
            if spans.count == 1 { return edit(range.lowerBound + 1..<range.upperBound - 1, "") }
            if index + 1 < spans.count { return edit(start..<spans[index + 1].0, "") }
            return edit(spans[index - 1].1..<end, "")
        }
        // Block: find where the item's own text starts (its `- ` indicator for list items).
        var itemStart = start
        if let indicator {
            var i = start
            while i > 0, bytes[i - 1] == 0x20 { i -= 1 }
            guard i > 0, bytes[i - 1] == indicator else { return nil }
            itemStart = i - 1
        }
        let ls = lineStart(itemStart)
        let prefix = bytes[ls..<itemStart]
        if spans.count == 1 {
            guard prefix.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "-") }) else { return nil }
            return edit(itemStart..<end, indicator == nil ? "{}" : "[]")
        }
        if prefix.allSatisfy({ $0 == 0x20 }) {
            let (_, next) = endOfLine(end)
            if next > end { return edit(ls..<next, "") }
            // The last line of a file without a final line break: take the break before it.
            let previousEnd = ls - (ls >= 2 && bytes[ls - 2] == 0x0D ? 2 : 1)
            return ls > 0 ? edit(previousEnd..<end, "") : nil
        }
        // The first pair of a mapping that sits on a list item's `- ` line: the next pair
        // moves up onto that line.
        guard indicator == nil, index == 0, prefix.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "-") }) else { return nil }
        return edit(start..<spans[1].0, "")
    }
}
