internal import CLibYAML

/// Everything of a libyaml parser's state that decides the events it produces from here on,
/// given the text that follows: its parser states, indentation and flow levels, possible simple
/// keys and the tokens it has scanned ahead. Positions are the file's (`CharacterMap`); lines
/// count relative to the parser's position (two parsers that started at different lines count
/// them differently). Two parsers at the same place of the same file whose `SeamState`s are
/// equal produce the same events from there on: libyaml's parse is a function of this state
/// and of the text not yet read. (What is left out only shapes error messages — the marks of
/// open collections — and a part whose parse fails is loaded again in one piece.)
struct SeamState: Equatable {
    struct SimpleKey: Equatable {
        var required: Bool
        var tokensAhead: Int
        var index: Int
        var linesBack: Int
        var column: Int
    }

    struct Token: Equatable {
        var type: UInt32
        var start: Int
        var end: Int
        var startColumn: Int
        var scalarStyle: UInt32
        /// The token's texts (a scalar's value, an anchor's name, a tag's handle and suffix…).
        var texts: [[UInt8]]
    }

    var state: UInt32
    var states: [UInt32]
    var indent: Int32
    var indents: [Int32]
    var flowLevel: Int32
    var simpleKeyAllowed: Bool
    /// Per flow level, the simple key that is possible there (nil where none is).
    var simpleKeys: [SimpleKey?]
    var tokens: [Token]
    var tokenAvailable: Bool
    var streamEndProduced: Bool
    var tagDirectives: [[UInt8]]
    var index: Int
    var column: Int
}

extension LibYAMLParser {
    /// The parser's state now (see `SeamState`).
    func seamState() -> SeamState {
        let p = parser.pointee
        let map = characterMap
        let line = Int(p.mark.line)
        var simpleKeys: [SeamState.SimpleKey?] = []
        for key in Self.elements(p.simple_keys.start, p.simple_keys.top) {
            simpleKeys.append(key.possible == 0 ? nil : SeamState.SimpleKey(
                required: key.required != 0,
                tokensAhead: Int(key.token_number) - Int(p.tokens_parsed),
                index: map.map(Int(key.mark.index)),
                linesBack: line - Int(key.mark.line),
                column: Int(key.mark.column)))
        }
        let tokens = Self.elements(p.tokens.head, p.tokens.tail).map { token -> SeamState.Token in
            var texts: [[UInt8]] = []
            var style: UInt32 = 0
            switch token.type {
            case YAML_SCALAR_TOKEN:
                let s = token.data.scalar
                texts = [s.value.map { Array(UnsafeBufferPointer(start: $0, count: Int(s.length))) } ?? []]
                style = s.style.rawValue
            case YAML_ALIAS_TOKEN:
                texts = [Self.text(token.data.alias.value)]
            case YAML_ANCHOR_TOKEN:
                texts = [Self.text(token.data.anchor.value)]
            case YAML_TAG_TOKEN:
                texts = [Self.text(token.data.tag.handle), Self.text(token.data.tag.suffix)]
            case YAML_TAG_DIRECTIVE_TOKEN:
                texts = [Self.text(token.data.tag_directive.handle), Self.text(token.data.tag_directive.prefix)]
            case YAML_VERSION_DIRECTIVE_TOKEN:
                texts = [[UInt8(truncatingIfNeeded: token.data.version_directive.major),
                          UInt8(truncatingIfNeeded: token.data.version_directive.minor)]]
            default:
                break
            }
            return SeamState.Token(type: token.type.rawValue, start: map.map(Int(token.start_mark.index)),
                                   end: map.map(Int(token.end_mark.index)),
                                   startColumn: Int(token.start_mark.column), scalarStyle: style, texts: texts)
        }
        return SeamState(
            state: p.state.rawValue,
            states: Self.elements(p.states.start, p.states.top).map(\.rawValue),
            indent: p.indent,
            indents: Self.elements(p.indents.start, p.indents.top),
            flowLevel: p.flow_level,
            simpleKeyAllowed: p.simple_key_allowed != 0,
            simpleKeys: simpleKeys,
            tokens: tokens,
            tokenAvailable: p.token_available != 0,
            streamEndProduced: p.stream_end_produced != 0,
            tagDirectives: Self.elements(p.tag_directives.start, p.tag_directives.top)
                .flatMap { [Self.text($0.handle), Self.text($0.prefix)] },
            index: map.map(Int(p.mark.index)),
            column: Int(p.mark.column))
    }

    /// The elements of one of libyaml's stacks or queues, from `start` up to `top`.
    private static func elements<T>(_ start: UnsafeMutablePointer<T>?, _ top: UnsafeMutablePointer<T>?) -> [T] {
        guard let start, let top, top > start else { return [] }
        return Array(UnsafeBufferPointer(start: start, count: top - start))
    }

    /// A NUL-terminated text's bytes (none for a null pointer).
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> [UInt8] {
        cString(pointer).map(Array.init) ?? []
    }
}
