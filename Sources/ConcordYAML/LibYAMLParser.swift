internal import CLibYAML

/// A position as libyaml reports it: its 0-based character index (lines and columns come from
/// the file's line table; events are smaller without libyaml's own).
struct RawMark: Equatable {
    var index: Int

    init(_ mark: yaml_mark_t) {
        index = Int(mark.index)
    }
}

/// One libyaml event, copied into Swift values (no C type leaves this file).
enum ParseEvent {
    case streamStart
    case streamEnd
    case documentStart(implicit: Bool)
    case documentEnd
    case alias(anchor: String)
    case scalar(value: String, anchor: String?, tag: String?, style: ScalarStyle)
    case sequenceStart(anchor: String?, tag: String?, flow: Bool)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, flow: Bool)
    case mappingEnd
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
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let eventPointer: UnsafeMutablePointer<yaml_event_t> = .allocate(capacity: 1)
    private var initialized = false
    private let emptyInput: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    init?(input: UnsafeBufferPointer<UInt8>) {
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            emptyInput.deallocate()
            return nil
        }
        initialized = true
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        } else {
            // An empty buffer still needs a valid pointer.
            yaml_parser_set_input_string(parser, emptyInput, 0)
        }
    }

    deinit {
        if initialized {
            yaml_parser_delete(parser)
        }
        parser.deallocate()
        emptyInput.deallocate()
        eventPointer.deallocate()
    }


    /// The next event with its start and end marks, or the failure that stopped the stream.
    func next() -> Result<(ParseEvent, RawMark, RawMark), ParseFailure> {
        guard yaml_parser_parse(parser, eventPointer) == 1 else {
            return .failure(currentFailure())
        }
        defer { yaml_event_delete(eventPointer) }
        let event = eventPointer.pointee
        let start = RawMark(event.start_mark)
        let end = RawMark(event.end_mark)
        let converted: ParseEvent
        switch event.type {
        case YAML_STREAM_START_EVENT:
            converted = .streamStart
        case YAML_STREAM_END_EVENT:
            converted = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            converted = .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT:
            converted = .documentEnd
        case YAML_ALIAS_EVENT:
            converted = .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value: String
            if let p = s.value {
                value = String(decoding: UnsafeBufferPointer(start: p, count: s.length), as: UTF8.self)
            } else {
                value = ""
            }
            converted = .scalar(
                value: value,
                anchor: Self.string(s.anchor),
                tag: Self.string(s.tag),
                style: Self.style(s.style)
            )
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            converted = .sequenceStart(anchor: Self.string(s.anchor), tag: Self.string(s.tag),
                                       flow: s.style == YAML_FLOW_SEQUENCE_STYLE)
        case YAML_SEQUENCE_END_EVENT:
            converted = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            converted = .mappingStart(anchor: Self.string(m.anchor), tag: Self.string(m.tag),
                                      flow: m.style == YAML_FLOW_MAPPING_STYLE)
        case YAML_MAPPING_END_EVENT:
            converted = .mappingEnd
        default:
            converted = .streamEnd
        }
        return .success((converted, start, end))
    }

    private func currentFailure() -> ParseFailure {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = p.context.map { String(cString: $0) }
        let isReader = p.error == YAML_READER_ERROR
        return ParseFailure(
            problem: problem,
            problemMark: isReader ? nil : RawMark(p.problem_mark),
            problemOffset: isReader ? Int(p.problem_offset) : nil,
            context: context,
            contextMark: context == nil ? nil : RawMark(p.context_mark)
        )
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
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
