internal import CLibYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A position as libyaml reports it: its 0-based character index (lines and columns come from
/// the file's line table; events are smaller without libyaml's own).
struct RawMark: Equatable {
    var index: Int

    init(index: Int) {
        self.index = index
    }
}

/// How a parser's character indexes map to the file's. A parser of one part of a large file
/// (`ParallelEvents`) reads the file's first bytes (up to `prefixCharacters`) and then the file
/// from a later point on: indexes past the prefix are moved by `shift`.
struct CharacterMap: Equatable {
    var prefixCharacters: Int
    var shift: Int

    static let identity = CharacterMap(prefixCharacters: .max, shift: 0)

    func map(_ index: Int) -> Int {
        index < prefixCharacters ? index : index + shift
    }

    func mark(_ mark: yaml_mark_t) -> RawMark {
        RawMark(index: map(Int(mark.index)))
    }
}

/// Where an event's text (a scalar's value, an anchor, a tag) lies in its batch's `texts`.
struct TextSpan: Equatable {
    var start: UInt32
    var count: UInt32

    /// The span's bytes in its batch's `texts`.
    func bytes(in texts: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: texts[Int(start)..<Int(start) + Int(count)])
    }

    func string(in texts: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes(in: texts), as: UTF8.self)
    }
}

/// One libyaml event, copied into plain values (no C type leaves this file, and no reference:
/// events are copied in batches from the parsing thread, so they hold no strings).
struct ParseEvent {
    enum Kind: UInt8 {
        case streamStart, streamEnd, documentStart, documentEnd, alias, scalar
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    /// Scalars: the style. Collections: `.plain`.
    var style: ScalarStyle = .plain
    /// Collections: flow style. Document starts: implicit.
    var flag = false
    var start: RawMark
    var end: RawMark
    /// A scalar's value, or an alias's anchor name.
    var text = TextSpan(start: 0, count: 0)
    var anchor: TextSpan? = nil
    var tag: TextSpan? = nil
}

/// A run of events in stream order with the bytes of their texts. The last batch of a stream
/// ends with `.streamEnd`, or has the failure that stopped the stream.
struct EventBatch {
    var events: [ParseEvent] = []
    /// The texts of the events, back to back (`ParseEvent.text`, `.anchor`, `.tag`).
    var texts: [UInt8] = []
    var failure: ParseFailure? = nil

    /// Whether the stream ends with this batch.
    var isLast: Bool { failure != nil || events.last?.kind == .streamEnd }
}

/// A syntax (or reader) error as libyaml describes it.
struct ParseFailure: Error {
    var problem: String
    var problemMark: RawMark?
    /// A byte offset, for reader errors (libyaml has no mark for those).
    var problemOffset: Int?
    var context: String?
    var contextMark: RawMark?
}

/// Owns a libyaml parser (heap-allocated, since libyaml keeps pointers into it) and frees it.
/// The input buffer must outlive the parser; `YAMLLoader` guarantees that by parsing inside
/// `withUnsafeBufferPointer`.
final class LibYAMLParser {
    /// The C parser (internal so that `SeamState` can read it; never used outside this module).
    let parser: UnsafeMutablePointer<yaml_parser_t>
    private let eventPointer: UnsafeMutablePointer<yaml_event_t> = .allocate(capacity: 1)
    private var initialized = false
    /// Where a spliced input (prefix, then the rest) stands; nil for one buffer.
    private var splicedInput: UnsafeMutablePointer<SplicedInput>? = nil
    /// How this parser's character indexes map to the file's.
    let characterMap: CharacterMap
    private let emptyInput: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// A parser of one text.
    convenience init?(input: UnsafeBufferPointer<UInt8>) {
        self.init(map: .identity)
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        } else {
            // An empty buffer still needs a valid pointer.
            yaml_parser_set_input_string(parser, emptyInput, 0)
        }
    }

    /// A parser that reads `prefix` and then `rest`, as if they were one text; `map` says where
    /// its indexes lie in the file. Both buffers must outlive the parser.
    convenience init?(prefix: UnsafeBufferPointer<UInt8>, rest: UnsafeBufferPointer<UInt8>, map: CharacterMap) {
        self.init(map: map)
        let input = UnsafeMutablePointer<SplicedInput>.allocate(capacity: 1)
        input.initialize(to: SplicedInput(parts: (prefix, rest)))
        splicedInput = input
        yaml_parser_set_input(parser, { data, buffer, size, sizeRead in
            guard let data, let buffer, let sizeRead else { return 0 }
            sizeRead.pointee = data.assumingMemoryBound(to: SplicedInput.self).pointee.read(into: buffer, size: size)
            return 1
        }, input)
    }

    /// A parser without input yet, reading UTF-8.
    private init?(map: CharacterMap) {
        characterMap = map
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        // On failure libyaml frees what it allocated; `deinit` (which runs for an instance whose
        // properties are all set, even when its initializer fails) frees the rest.
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        initialized = true
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        if initialized {
            yaml_parser_delete(parser)
        }
        if let splicedInput {
            splicedInput.deinitialize(count: 1)
            splicedInput.deallocate()
        }
        parser.deallocate()
        emptyInput.deallocate()
        eventPointer.deallocate()
    }

    /// Appends events to `batch` until it holds `limit` of them or the stream ends (with
    /// `.streamEnd` or a failure).
    func fill(_ batch: inout EventBatch, limit: Int) {
        while batch.events.count < limit {
            guard let event = nextEvent(texts: &batch.texts) else {
                batch.failure = currentFailure()
                return
            }
            batch.events.append(event)
            if event.kind == .streamEnd { return }
        }
    }

    /// The next event, its texts appended to `texts`; nil when libyaml fails (then
    /// `currentFailure()` says why). Its positions are the file's (`characterMap`).
    func nextEvent(texts: inout [UInt8]) -> ParseEvent? {
        guard yaml_parser_parse(parser, eventPointer) == 1 else { return nil }
        let converted = Self.convert(eventPointer.pointee, map: characterMap, texts: &texts)
        yaml_event_delete(eventPointer)
        return converted
    }

    private static func convert(_ event: yaml_event_t, map: CharacterMap, texts: inout [UInt8]) -> ParseEvent {
        let start = map.mark(event.start_mark)
        let end = map.mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return ParseEvent(kind: .streamStart, start: start, end: end)
        case YAML_DOCUMENT_START_EVENT:
            return ParseEvent(kind: .documentStart, flag: event.data.document_start.implicit != 0, start: start, end: end)
        case YAML_DOCUMENT_END_EVENT:
            return ParseEvent(kind: .documentEnd, start: start, end: end)
        case YAML_ALIAS_EVENT:
            return ParseEvent(kind: .alias, start: start, end: end,
                              text: append(event.data.alias.anchor, to: &texts) ?? TextSpan(start: 0, count: 0))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            return ParseEvent(kind: .scalar, style: style(s.style), start: start, end: end,
                              text: append(s.value, count: s.length, to: &texts),
                              anchor: append(s.anchor, to: &texts), tag: append(s.tag, to: &texts))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return ParseEvent(kind: .sequenceStart, flag: s.style == YAML_FLOW_SEQUENCE_STYLE, start: start, end: end,
                              anchor: append(s.anchor, to: &texts), tag: append(s.tag, to: &texts))
        case YAML_SEQUENCE_END_EVENT:
            return ParseEvent(kind: .sequenceEnd, start: start, end: end)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return ParseEvent(kind: .mappingStart, flag: m.style == YAML_FLOW_MAPPING_STYLE, start: start, end: end,
                              anchor: append(m.anchor, to: &texts), tag: append(m.tag, to: &texts))
        case YAML_MAPPING_END_EVENT:
            return ParseEvent(kind: .mappingEnd, start: start, end: end)
        default:
            return ParseEvent(kind: .streamEnd, start: start, end: end)
        }
    }

    /// Copies `count` bytes at `pointer` to the end of `texts`.
    private static func append(_ pointer: UnsafePointer<yaml_char_t>?, count: Int, to texts: inout [UInt8]) -> TextSpan {
        let span = TextSpan(start: UInt32(clamping: texts.count), count: UInt32(clamping: count))
        if let pointer, count > 0 {
            texts.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
        }
        return span
    }

    /// Copies a NUL-terminated text (an anchor or a tag) to the end of `texts`; nil for none.
    private static func append(_ pointer: UnsafeMutablePointer<yaml_char_t>?, to texts: inout [UInt8]) -> TextSpan? {
        guard let text = cString(pointer) else { return nil }
        return append(text.baseAddress, count: text.count, to: &texts)
    }

    /// The bytes of one of libyaml's NUL-terminated texts (nil for a null pointer).
    static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer else { return nil }
        return UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }

    func currentFailure() -> ParseFailure {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = p.context.map { String(cString: $0) }
        let isReader = p.error == YAML_READER_ERROR
        return ParseFailure(
            problem: problem,
            problemMark: isReader ? nil : characterMap.mark(p.problem_mark),
            problemOffset: isReader ? Int(p.problem_offset) : nil,
            context: context,
            contextMark: context == nil ? nil : characterMap.mark(p.context_mark)
        )
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

/// Two buffers read one after the other, as libyaml's read handler asks for them.
struct SplicedInput {
    var parts: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>)
    private var part = 0
    private var offset = 0

    init(parts: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>)) {
        self.parts = parts
    }

    /// Copies up to `size` bytes into `buffer`; the count copied (0 at the end).
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int) -> Int {
        while part < 2 {
            let current = part == 0 ? parts.0 : parts.1
            let count = min(size, current.count - offset)
            if count > 0, let base = current.baseAddress {
                buffer.update(from: base + offset, count: count)
                offset += count
                return count
            }
            part += 1
            offset = 0
        }
        return 0
    }
}
