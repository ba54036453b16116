/// A path into the merged dataset: dotted names, `[*]` (every item of a list), `[N]` (one item,
/// 0-based), `.*` (every value of a map). `coalitions[*]`, `pledges[*].sources[*]`,
/// `reference.rates[*]`. The first step names a top-level key of the dataset.
public struct Selector: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        case allItems
        case index(Int)
        case allValues
    }

    public let steps: [Step]
    public let source: String

    public struct ParseError: Error, Equatable, Sendable {
        public var message: String
        /// 0-based offset in the selector text (Unicode scalars).
        public var offset: Int
    }

    public init(parsing text: String) throws(ParseError) {
        let chars = Array(text.unicodeScalars)
        var steps: [Step] = []
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-"
        }
        func name() throws(ParseError) -> String {
            let start = i
            while i < chars.count, isNameChar(chars[i]) { i += 1 }
            guard i > start else {
                throw ParseError(message: i < chars.count ? "unexpected '\(chars[i])' in selector; expected a name" : "selector ends where a name was expected", offset: i)
            }
            return String(String.UnicodeScalarView(chars[start..<i]))
        }
        guard !chars.isEmpty else { throw ParseError(message: "empty selector", offset: 0) }
        steps.append(.key(try name()))
        while i < chars.count {
            switch chars[i] {
            case ".":
                i += 1
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    steps.append(.allValues)
                } else {
                    steps.append(.key(try name()))
                }
            case "[":
                let open = i
                i += 1
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    steps.append(.allItems)
                } else {
                    let start = i
                    while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
                    guard i > start, let n = Int(String(String.UnicodeScalarView(chars[start..<i]))) else {
                        throw ParseError(message: "expected '*' or an index after '['", offset: start)
                    }
                    steps.append(.index(n))
                }
                guard i < chars.count, chars[i] == "]" else {
                    throw ParseError(message: "'[' at column \(open + 1) is not closed by ']'", offset: i)
                }
                i += 1
            default:
                throw ParseError(message: "unexpected '\(chars[i])' in selector; expected '.', '[*]', '[N]' or '.*'", offset: i)
            }
        }
        self.steps = steps
        self.source = text
    }

    /// The top-level key the selector starts from.
    public var root: String {
        if case .key(let k)? = steps.first { return k }
        return ""
    }

    public var description: String { source }
}
