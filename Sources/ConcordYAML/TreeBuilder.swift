import ConcordDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns libyaml's event stream into a file's node storage: resolves scalars, shares aliased
/// nodes, applies merge keys, and reports duplicate keys, bad aliases and limits.
struct TreeBuilder {
    private let path: String
    private let text: SourceText
    private let mapper: OffsetMapper
    private let options: LoaderOptions
    /// ASCII files map character indexes to byte offsets by adding the BOM's length.
    private let asciiBase: Int?

    private(set) var diagnostics: [Diagnostic] = []
    /// Whether loading stopped at an error of libyaml's (a syntax or reader error).
    private(set) var stoppedAtParseFailure = false

    // The storage being built.
    private var records = NodeStore()
    /// The texts of scalars that are not slices of the file (see `NodeRecord.a`).
    private var textArena: [UInt8] = []
    private var children: [Int32] = []
    private var tags: [Int32: String] = [:]
    private var anchorNames: [Int32: String] = [:]
    private var documentStarts: [Int32] = []
    private var documentRoots: [Int32] = []

    // Construction state.
    private var stack: [Frame] = []
    /// Children of the open collections, innermost last (mappings: key, value, key, value…).
    private var pending: [Int32] = []
    /// Key identities of the open mappings' pairs, innermost last.
    private var pendingKeys: [KeyIdentity] = []
    private var root: Int32 = -1
    private var anchors: [String: (id: Int32, weight: Int)] = [:]
    private var openAnchors: Set<String> = []
    private var writtenNodes = 0
    private var expandedNodes = 0

    init(path: String, text: SourceText, options: LoaderOptions) {
        self.path = path
        self.text = text
        self.mapper = OffsetMapper(text)
        self.options = options
        self.asciiBase = text.isASCII ? text.bomLength : nil
        let estimate = text.bytes.count / 8 + 16
        records.reserveCapacity(estimate)
        children.reserveCapacity(estimate)
        // Room for a small file's open collections and pending pairs from the start, instead
        // of growing them by doubling (several reallocations per file in a folder of one small
        // file per record).
        stack.reserveCapacity(16)
        pending.reserveCapacity(min(estimate, 256))
        pendingKeys.reserveCapacity(min(estimate / 2, 128))
    }

    /// A collection under construction.
    private struct Frame {
        var id: Int32
        var isMapping: Bool
        var start: UInt32
        var flow: Bool
        var pendingStart: Int
        var keysStart: Int
        var pendingKey: Int32 = -1
        var pendingKeyIsMerge = false
        var merges: [Int32]? = nil
        var keyIndex: [KeyIdentity: Int]? = nil
        var weight = 1
        var lastEnd: UInt32
    }

    enum Outcome { case completed, aborted }

    /// Consumes the whole stream. Stops at the first fatal problem (syntax error, limits).
    mutating func run(_ source: some EventSource) -> Outcome {
        var batch = EventBatch()
        while true {
            source.next(into: &batch)
            let outcome = batch.texts.withUnsafeBufferPointer { texts -> Outcome? in
                for event in batch.events {
                    if let outcome = handle(event, texts: texts) { return outcome }
                }
                return nil
            }
            if let outcome { return outcome }
            if let failure = batch.failure {
                report(failure)
                return .aborted
            }
            // A batch that neither ends the stream nor fails is followed by another; one that
            // is empty cannot come from libyaml, and ends the loop rather than spin.
            if batch.events.isEmpty { return .aborted }
        }
    }

    /// Builds what one event adds; an outcome when the stream ends or loading must stop.
    private mutating func handle(_ event: ParseEvent, texts: UnsafeBufferPointer<UInt8>) -> Outcome? {
        switch event.kind {
        case .streamStart:
            return nil
        case .streamEnd:
            return .completed
        case .documentStart:
            documentStarts.append(Int32(records.count))
            anchors.removeAll(keepingCapacity: true)
            openAnchors.removeAll()
            root = -1
            writtenNodes = 0
            expandedNodes = 0
        case .documentEnd:
            if root >= 0 { documentRoots.append(root) }
        case .alias:
            let name = event.text.string(in: texts)
            let start = offset(event.start), end = offset(event.end)
            if let target = anchors[name] {
                expandedNodes = expandedNodes.addingReportingOverflow(target.weight).partialValue
                if expandedNodes < 0 || expandedNodes > aliasLimit {
                    diagnose(LoaderRules.aliasLimit, LoaderRules.Message.aliasLimit(limit: aliasLimit), start, end)
                    return .aborted
                }
                complete(target.id, weight: target.weight, end: end)
            } else {
                let message = openAnchors.contains(name)
                    ? LoaderRules.Message.recursiveAlias(name) : LoaderRules.Message.undefinedAlias(name)
                diagnose(LoaderRules.undefinedAlias, message, start, end)
                let id = addScalar(UnsafeBufferPointer(start: nil, count: 0), value: .null, style: .plain,
                                   start: start, end: end, tag: nil, anchor: nil)
                complete(id, weight: 1, end: end)
            }
        case .scalar:
            let start = offset(event.start), end = offset(event.end)
            let value = event.text.bytes(in: texts)
            let tag = event.tag?.string(in: texts)
            let anchor = event.anchor?.string(in: texts)
            let resolved = resolve(value, tag: tag, style: event.style, start: start, end: end)
            let id = addScalar(value, value: resolved, style: event.style, start: start, end: end, tag: tag, anchor: anchor)
            writtenNodes += 1
            expandedNodes += 1
            if let anchor { anchors[anchor] = (id, 1) }
            complete(id, weight: 1, end: end)
        case .sequenceStart, .mappingStart:
            let start = offset(event.start)
            if stack.count >= options.maxDepth {
                diagnose(LoaderRules.depthLimit, LoaderRules.Message.depthLimit(options.maxDepth), start, offset(event.end))
                return .aborted
            }
            let isMapping = event.kind == .mappingStart
            let flow = event.flag
            let tag = event.tag?.string(in: texts)
            let anchor = event.anchor?.string(in: texts)
            let id = Int32(records.count)
            records.append(NodeRecord(
                start: start, end: start, a: 0, b: 0, number: 0,
                flags: NodeRecord.flags(kind: isMapping ? .mapping : .sequence, flow: flow,
                                        hasTag: tag != nil, hasAnchor: anchor != nil),
                valueBits: 0))
            if let tag { tags[id] = tag }
            if let anchor {
                anchorNames[id] = anchor
                openAnchors.insert(anchor)
            }
            stack.append(Frame(id: id, isMapping: isMapping, start: start, flow: flow,
                               pendingStart: pending.count, keysStart: pendingKeys.count, lastEnd: start))
            writtenNodes += 1
            expandedNodes += 1
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return nil }
            let end = frame.flow ? offset(event.end) : frame.lastEnd
            var slots = pending.count - frame.pendingStart
            let first = UInt32(children.count)
            children.append(contentsOf: pending[frame.pendingStart...])
            var explicitPairs = UInt64(slots / 2)
            if frame.isMapping, let merges = frame.merges {
                slots += appendMerged(merges, frame: frame)
            }
            pending.removeSubrange(frame.pendingStart...)
            pendingKeys.removeSubrange(frame.keysStart...)
            let index = Int(frame.id)
            if !frame.isMapping { explicitPairs = 0 }
            records.close(collection: index, end: end, first: first, slots: UInt32(slots), explicitPairs: explicitPairs)
            if let anchor = anchorNames[frame.id] {
                openAnchors.remove(anchor)
                anchors[anchor] = (frame.id, frame.weight)
            }
            complete(frame.id, weight: frame.weight, end: end)
        }
        return nil
    }

    /// The finished file storage (call after `run`).
    mutating func finish() -> YAMLFile {
        let file = YAMLFile(path: path, bytes: text.bytes, lines: text.lines, records: records, textArena: textArena,
                            children: children, tags: tags, anchors: anchorNames,
                            documentStarts: documentStarts, documentRoots: documentRoots)
        if !file.isMultiDocument {
            diagnostics = diagnostics.map { d in
                var d = d
                d.location.document = nil
                d.related = d.related.map { r in
                    var r = r
                    r.location.document = nil
                    return r
                }
                return d
            }
        }
        return file
    }

    private var aliasLimit: Int {
        max(options.aliasExpansionFloor, options.aliasExpansionFactor.multipliedReportingOverflow(by: writtenNodes).partialValue)
    }

    // MARK: Building

    private mutating func addScalar(_ text: UnsafeBufferPointer<UInt8>, value: ScalarValue, style: ScalarStyle,
                                    start: UInt32, end: UInt32, tag: String?, anchor: String?) -> Int32 {
        let id = Int32(records.count)
        let (kind, bits) = NodeRecord.encode(value)
        let (offset, length, inArena) = place(text, style: style, start: start, end: end)
        records.append(NodeRecord(
            start: start, end: end, a: offset, b: length,
            number: kind == NodeRecord.stringValue ? TextCode.of(text) : bits,
            flags: NodeRecord.flags(kind: .scalar, style: style, hasTag: tag != nil, hasAnchor: anchor != nil),
            valueBits: kind | (inArena ? NodeRecord.inArena : 0)))
        if let tag { tags[id] = tag }
        if let anchor { anchorNames[id] = anchor }
        return id
    }

    /// Where a scalar's text is kept: most scalars read as they are written (plain on one line,
    /// quoted without escapes), so their text is the file's bytes inside their range (after the
    /// opening quote); the others are copied to the arena.
    private mutating func place(_ t: UnsafeBufferPointer<UInt8>, style: ScalarStyle, start: UInt32, end: UInt32)
        -> (offset: UInt32, length: UInt32, inArena: Bool) {
        let length = UInt32(clamping: t.count)
        let from: Int?
        switch style {
        case .plain: from = Int(start)
        case .singleQuoted, .doubleQuoted: from = Int(start) + 1
        case .literal, .folded: from = nil
        }
        if let from, from + t.count <= Int(end), from + t.count <= text.bytes.count {
            let same = text.bytes.withUnsafeBufferPointer { file in
                guard let base = file.baseAddress, let mine = t.baseAddress else { return t.isEmpty }
                return memcmp(base + from, mine, t.count) == 0
            }
            if same { return (UInt32(clamping: from), length, false) }
        }
        let offset = UInt32(clamping: textArena.count)
        textArena.append(contentsOf: t)
        return (offset, length, true)
    }

    /// The text of a scalar record of the storage being built.
    private func text(of r: NodeRecord) -> String {
        let range = Int(r.a)..<Int(r.a) + Int(r.b)
        return r.textInArena ? String(decoding: textArena[range], as: UTF8.self)
                             : String(decoding: text.bytes[range], as: UTF8.self)
    }

    private mutating func complete(_ id: Int32, weight: Int, end: UInt32) {
        guard !stack.isEmpty else {
            root = id
            return
        }
        let top = stack.count - 1
        stack[top].weight = stack[top].weight.addingReportingOverflow(weight).partialValue
        stack[top].lastEnd = end
        if !stack[top].isMapping {
            pending.append(id)
            return
        }
        let key = stack[top].pendingKey
        guard key >= 0 else {
            let isMerge = options.mergeKeys && isMergeKey(id)
            stack[top].pendingKey = id
            stack[top].pendingKeyIsMerge = isMerge
            return
        }
        stack[top].pendingKey = -1
        if stack[top].pendingKeyIsMerge {
            addMerge(value: id, frameIndex: top)
            return
        }
        let identity = KeyIdentity(record: records[Int(key)], text: { text(of: $0) }, id: key)
        let keysStart = stack[top].keysStart
        let found = stack[top].keyIndex == nil ? findKey(identity, from: keysStart) : stack[top].keyIndex?[identity]
        if let firstPair = found {
            let firstKey = pending[stack[top].pendingStart + 2 * firstPair]
            let k = records[Int(key)], f = records[Int(firstKey)]
            diagnose(LoaderRules.duplicateKey, LoaderRules.Message.duplicateKey(identity.display), k.start, k.end,
                     related: [RelatedLocation(location: locate(f.start, f.end),
                                               message: LoaderRules.Message.duplicateKeyFirst)])
            return
        }
        pending.append(key)
        pending.append(id)
        pendingKeys.append(identity)
        let pairIndex = pendingKeys.count - 1 - keysStart
        if stack[top].keyIndex != nil {
            stack[top].keyIndex?[identity] = pairIndex
        } else if pairIndex >= 12 {
            var index: [KeyIdentity: Int] = [:]
            for i in keysStart..<pendingKeys.count where index[pendingKeys[i]] == nil {
                index[pendingKeys[i]] = i - keysStart
            }
            stack[top].keyIndex = index
        }
    }

    private func findKey(_ identity: KeyIdentity, from keysStart: Int) -> Int? {
        var i = keysStart
        while i < pendingKeys.count {
            if pendingKeys[i] == identity { return i - keysStart }
            i += 1
        }
        return nil
    }

    private func isMergeKey(_ id: Int32) -> Bool {
        let r = records[Int(id)]
        guard r.kind == .scalar, r.b == 2, text(of: r) == "<<" else { return false }
        if r.hasTag { return tags[id] == CoreSchema.mergeTag }
        return r.style == .plain
    }

    private mutating func addMerge(value: Int32, frameIndex: Int) {
        let r = records[Int(value)]
        switch r.kind {
        case .mapping:
            stack[frameIndex].merges = (stack[frameIndex].merges ?? []) + [value]
        case .sequence where (0..<Int(r.b)).allSatisfy({ records[Int(children[Int(r.a) + $0])].kind == .mapping }):
            let items = (0..<Int(r.b)).map { children[Int(r.a) + $0] }
            stack[frameIndex].merges = (stack[frameIndex].merges ?? []) + items
        default:
            diagnose(LoaderRules.invalidMerge, LoaderRules.Message.invalidMerge, r.start, r.end)
        }
    }

    /// Appends the merged pairs whose keys the mapping does not already have (earlier merge
    /// sources win over later ones); returns the number of slots appended.
    private mutating func appendMerged(_ merges: [Int32], frame: Frame) -> Int {
        var seen = Set(pendingKeys[frame.keysStart...])
        var added = 0
        for source in merges {
            let r = records[Int(source)]
            var i = 0
            while i + 1 < Int(r.b) {
                let key = children[Int(r.a) + i], value = children[Int(r.a) + i + 1]
                if seen.insert(KeyIdentity(record: records[Int(key)], text: { text(of: $0) }, id: key)).inserted {
                    children.append(key)
                    children.append(value)
                    added += 2
                }
                i += 2
            }
        }
        return added
    }

    // MARK: Scalars

    private mutating func resolve(_ bytes: UnsafeBufferPointer<UInt8>, tag: String?, style: ScalarStyle,
                                  start: UInt32, end: UInt32) -> ScalarValue {
        if let tag {
            let text = String(decoding: bytes, as: UTF8.self)
            if tag == "!" { return .string }
            if let value = CoreSchema.resolveTagged(text, tag: tag) { return value }
            let short = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            diagnose(LoaderRules.tagMismatch, LoaderRules.Message.tagMismatch(text: text, tag: short), start, end)
            return .string
        }
        guard style == .plain else { return .string }
        let value = CoreSchema.resolvePlain(bytes)
        guard options.warnAmbiguousScalars, YAML11Readings.mayDiffer(bytes) else { return value }
        let text = String(decoding: bytes, as: UTF8.self)
        if let reading = YAML11Readings.differingReading(of: text, resolvedAs: value) {
            diagnose(LoaderRules.ambiguousScalar,
                     LoaderRules.Message.ambiguous(text: text, yaml12: Self.describe(text, value), yaml11: reading),
                     start, end)
            diagnostics[diagnostics.count - 1].fixes = [QuoteFix.make(
                text: text, bytes: self.text.bytes, start: Int(start), end: Int(end), file: path,
                position: { self.text.lines.position(ofOffset: $0, in: self.text.bytes) })]
        }
        return value
    }

    private static func describe(_ text: String, _ value: ScalarValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .int(let i): return "the integer \(i)"
        case .double(let d): return "the number \(d)"
        case .string: return "the string \"\(text)\""
        }
    }

    // MARK: Positions and diagnostics

    private func offset(_ mark: RawMark) -> UInt32 {
        if let asciiBase { return UInt32(clamping: asciiBase + mark.index) }
        return UInt32(clamping: mapper.byteOffset(ofCharacter: mark.index))
    }

    private func locate(_ start: UInt32, _ end: UInt32) -> SourceLocation {
        let range = SourceRange(start: text.lines.position(ofOffset: Int(start), in: text.bytes),
                                end: text.lines.position(ofOffset: Int(end), in: text.bytes))
        return SourceLocation(file: path, range: range, document: max(documentStarts.count, 1))
    }

    private mutating func diagnose(_ rule: LoaderRules, _ message: String, _ start: UInt32, _ end: UInt32,
                                   related: [RelatedLocation] = []) {
        diagnostics.append(rule.diagnostic(at: locate(start, end), message: message, related: related))
    }

    private mutating func report(_ failure: ParseFailure) {
        stoppedAtParseFailure = true
        let at: UInt32
        if let mark = failure.problemMark {
            at = offset(mark)
        } else {
            at = UInt32(clamping: failure.problemOffset ?? 0)
        }
        var related: [RelatedLocation] = []
        if let mark = failure.contextMark, failure.context != nil {
            let c = offset(mark)
            related.append(RelatedLocation(location: locate(c, c), message: LoaderRules.Message.syntaxContext))
        }
        diagnose(LoaderRules.syntax, LoaderRules.Message.syntax(problem: failure.problem, context: failure.context),
                 at, at, related: related)
    }
}

/// The identity of a mapping key for duplicate detection: resolved scalar values compare by
/// value (`1` and `0x1` are the same key). Collection keys are all distinct. A string of up to
/// seven bytes is known by its exact text code (no string is made for it).
enum KeyIdentity: Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(UInt64)
    case shortString(UInt64)
    case string(String)
    case collection(Int32)

    init(record r: NodeRecord, text: (NodeRecord) -> String, id: Int32) {
        guard r.kind == .scalar else {
            self = .collection(id)
            return
        }
        switch r.scalarValue {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern))
        case .string: self = TextCode.isExact(r.number) ? .shortString(r.number) : .string(text(r))
        }
    }

    var display: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(Double(bitPattern: d))"
        case .shortString(let code): return "\"\(String(decoding: TextCode.bytes(ofExact: code), as: UTF8.self))\""
        case .string(let s): return "\"\(s)\""
        case .collection: return "(collection)"
        }
    }
}
