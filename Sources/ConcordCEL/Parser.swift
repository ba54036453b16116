/// Options for parsing an expression.
public struct ParseOptions: Sendable {
    /// When `true`, `has`, `all`, `exists`, ... are parsed as ordinary function calls.
    public var disableMacros: Bool
    /// The maximum height of the syntax tree (nesting depth); deeper expressions are rejected
    /// with a syntax error instead of risking a stack overflow.
    public var maxDepth: Int

    public init(disableMacros: Bool = false, maxDepth: Int = 100) {
        self.disableMacros = disableMacros
        self.maxDepth = maxDepth
    }
}

/// Words that may not be used as identifiers (but may follow a `.`).
let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
    "package", "namespace", "return", "var", "void", "while",
]

/// How the optional syntax of cel-go appears in syntax trees: `e.?f` is the call `_?._(e, "f")`,
/// `e[?i]` the call `_[?_](e, i)` (both functions of the standard table), and an optional entry
/// of a list or map literal (`[?e]`, `{k: ?e}`... written `{?k: e}`) wraps the element or value
/// in the marker call `@optional(e)`, which the literal's code interprets.
public enum OptionalSyntax {
    public static let select = "_?._"
    public static let index = "_[?_]"
    public static let entry = "@optional"
}

/// A recursive-descent parser for CEL (precedence climbing over binary operators).
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private var nextID = 1
    private var depth = 0
    private let options: ParseOptions

    init(tokens: [Token], options: ParseOptions) {
        self.tokens = tokens
        self.options = options
    }

    mutating func parseAll() throws(CELError) -> Expr {
        let e = try parseExpr()
        let t = current
        if t.kind != .eof {
            throw CELError("unexpected \(describe(t)); expected end of expression", offset: t.offset, length: t.length)
        }
        return e
    }

    // MARK: - Token helpers

    private var current: Token { tokens[min(index, tokens.count - 1)] }
    private func peekToken(_ n: Int) -> Token { tokens[min(index + n, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = current.kind { return q == p }
        return false
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(let w) = current.kind { return w == word }
        return false
    }

    private mutating func expect(_ p: String) throws(CELError) -> Token {
        guard isPunct(p) else {
            let t = current
            throw CELError("expected '\(p)' but found \(describe(t))", offset: t.offset, length: t.length)
        }
        return advance()
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of expression"
        case .punct(let p): return "'\(p)'"
        case .identifier(let s): return "'\(s)'"
        case .quotedIdentifier(let s): return "`\(s)`"
        case .int, .uint, .double: return "number"
        case .string: return "string"
        case .bytes: return "bytes"
        }
    }

    private mutating func make(_ kind: ExprKind, from start: Int, to end: Int, children: [Expr]) throws(CELError) -> Expr {
        let height = (children.map(\.height).max() ?? 0) + 1
        if height > options.maxDepth {
            throw CELError("expression nested too deeply (more than \(options.maxDepth) levels)", offset: start, length: end - start)
        }
        let id = nextID
        nextID += 1
        return Expr(id: id, offset: start, length: max(0, end - start), kind: kind, height: height)
    }

    private func end(of e: Expr) -> Int { e.offset + e.length }

    private mutating func enter() throws(CELError) {
        depth += 1
        if depth > options.maxDepth {
            let t = current
            throw CELError("expression nested too deeply (more than \(options.maxDepth) levels)", offset: t.offset, length: t.length)
        }
    }

    // MARK: - Grammar

    private mutating func parseExpr() throws(CELError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let cond = try parseLogical(.or)
        guard isPunct("?") else { return cond }
        _ = advance()
        let then = try parseLogical(.or)
        _ = try expect(":")
        let otherwise = try parseExpr()
        return try make(.conditional(cond, then, otherwise), from: cond.offset, to: end(of: otherwise),
                        children: [cond, then, otherwise])
    }

    /// `a || b || c` and `a && b && c`. Since both operators are commutative in CEL (errors
    /// included), long chains are built as balanced trees, which keeps the tree shallow.
    @inline(never)
    private mutating func parseLogical(_ op: BinaryOperator) throws(CELError) -> Expr {
        var operands = [op == .or ? try parseLogical(.and) : try parseBinary(minPrecedence: 3)]
        while currentBinaryOperator() == op {
            _ = advance()
            operands.append(op == .or ? try parseLogical(.and) : try parseBinary(minPrecedence: 3))
        }
        return try balance(op, operands[...])
    }

    private mutating func balance(_ op: BinaryOperator, _ operands: ArraySlice<Expr>) throws(CELError) -> Expr {
        if operands.count == 1, let only = operands.first { return only }
        let mid = operands.startIndex + operands.count / 2
        let l = try balance(op, operands[operands.startIndex..<mid])
        let r = try balance(op, operands[mid..<operands.endIndex])
        return try make(.binary(op, l, r), from: l.offset, to: end(of: r), children: [l, r])
    }

    private func currentBinaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .punct(let p):
            return BinaryOperator(rawValue: p)
        case .identifier("in"):
            return .in
        default:
            return nil
        }
    }

    /// Precedence climbing; all binary operators are left-associative.
    @inline(never)
    private mutating func parseBinary(minPrecedence: Int) throws(CELError) -> Expr {
        var lhs = try parseUnary()
        while let op = currentBinaryOperator(), op.precedence >= minPrecedence {
            _ = advance()
            let rhs = try parseBinaryRHS(op.precedence + 1)
            lhs = try make(.binary(op, lhs, rhs), from: lhs.offset, to: end(of: rhs), children: [lhs, rhs])
        }
        return lhs
    }

    private mutating func parseBinaryRHS(_ minPrecedence: Int) throws(CELError) -> Expr {
        if minPrecedence > 5 { return try parseUnary() }
        return try parseBinary(minPrecedence: minPrecedence)
    }

    @inline(never)
    private mutating func parseUnary() throws(CELError) -> Expr {
        var ops: [(UnaryOperator, Int)] = []
        while true {
            if isPunct("!") {
                ops.append((.not, advance().offset))
            } else if isPunct("-") {
                ops.append((.negate, advance().offset))
            } else {
                break
            }
        }
        var operand: Expr
        // A minus directly before a numeric literal is part of the literal (so that
        // -9223372036854775808 is representable).
        if let last = ops.last, last.0 == .negate, let lit = try negativeLiteral(from: last.1) {
            ops.removeLast()
            operand = try parseMemberSuffixes(lit)
        } else {
            operand = try parseMember()
        }
        for (op, off) in ops.reversed() {
            operand = try make(.unary(op, operand), from: off, to: end(of: operand), children: [operand])
        }
        return operand
    }

    private mutating func negativeLiteral(from minusOffset: Int) throws(CELError) -> Expr? {
        let t = current
        switch t.kind {
        case .int(let mag):
            _ = advance()
            let value: Int64 = mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)
            return try make(.literal(.int(value)), from: minusOffset, to: t.offset + t.length, children: [])
        case .double(let d):
            _ = advance()
            return try make(.literal(.double(-d)), from: minusOffset, to: t.offset + t.length, children: [])
        default:
            return nil
        }
    }

    private mutating func parseMember() throws(CELError) -> Expr {
        let primary = try parsePrimary()
        return try parseMemberSuffixes(primary)
    }

    @inline(never)
    private mutating func parseMemberSuffixes(_ start: Expr) throws(CELError) -> Expr {
        var e = start
        while true {
            if isPunct(".") {
                e = try parseDotSuffix(e)
            } else if isPunct("[") {
                e = try parseIndexSuffix(e)
            } else {
                return e
            }
        }
    }

    @inline(never)
    private mutating func parseDotSuffix(_ e: Expr) throws(CELError) -> Expr {
        _ = advance()
        if isPunct("?") { return try parseOptionalSelect(e) }
        let nameTok = advance()
        let name: String
        switch nameTok.kind {
        case .identifier(let n), .quotedIdentifier(let n): name = n
        default:
            throw CELError("expected a field name after '.' but found \(describe(nameTok))",
                           offset: nameTok.offset, length: nameTok.length)
        }
        if isPunct("("), case .identifier = nameTok.kind {
            return try parseCall(target: e, function: name, start: e.offset, nameOffset: nameTok.offset)
        }
        if isPunct("{") { throw messageConstruction(e.offset) }
        return try make(.select(e, field: name), from: e.offset, to: nameTok.offset + nameTok.length, children: [e])
    }

    @inline(never)
    private mutating func parseIndexSuffix(_ e: Expr) throws(CELError) -> Expr {
        _ = advance()
        let optional = isPunct("?")
        if optional { _ = advance() }
        let idx = try parseExpr()
        let close = try expect("]")
        if optional {
            return try make(.call(target: nil, function: OptionalSyntax.index, args: [e, idx]),
                            from: e.offset, to: close.offset + 1, children: [e, idx])
        }
        return try make(.index(e, idx), from: e.offset, to: close.offset + 1, children: [e, idx])
    }

    /// `e.?f` (the `.` is consumed, the current token is `?`): the call `_?._(e, "f")`, as in cel-go.
    @inline(never)
    private mutating func parseOptionalSelect(_ e: Expr) throws(CELError) -> Expr {
        _ = advance()
        let nameTok = advance()
        guard case .identifier(let name) = nameTok.kind else {
            throw CELError("expected a field name after '.?' but found \(describe(nameTok))",
                           offset: nameTok.offset, length: nameTok.length)
        }
        let field = try make(.literal(.string(name)), from: nameTok.offset, to: nameTok.offset + nameTok.length, children: [])
        return try make(.call(target: nil, function: OptionalSyntax.select, args: [e, field]),
                        from: e.offset, to: nameTok.offset + nameTok.length, children: [e, field])
    }

    /// An element of a list literal, or a value of a map literal; `?e` marks it optional
    /// (present only when the optional `e` has a value).
    private mutating func parseEntry() throws(CELError) -> Expr {
        guard isPunct("?") else { return try parseExpr() }
        let mark = advance()
        let e = try parseExpr()
        return try make(.call(target: nil, function: OptionalSyntax.entry, args: [e]),
                        from: mark.offset, to: end(of: e), children: [e])
    }

    @inline(never)
    private mutating func parseArgs(closing: String) throws(CELError) -> [Expr] {
        var args: [Expr] = []
        if isPunct(closing) { return args }
        while true {
            args.append(closing == "]" ? try parseEntry() : try parseExpr())
            if isPunct(",") {
                _ = advance()
                if closing == "]" && isPunct("]") { return args } // trailing comma in a list literal
                continue
            }
            return args
        }
    }

    /// Dispatches on the first token. Kept tiny (as are the other functions on the recursion
    /// path) so that deeply nested expressions need little stack.
    @inline(never)
    private mutating func parsePrimary() throws(CELError) -> Expr {
        let t = current
        switch t.kind {
        case .punct(let p) where p == "(":
            _ = advance()
            let e = try parseExpr()
            _ = try expect(")")
            return e
        case .punct(let p) where p == "[":
            return try parseListLiteral(t)
        case .punct(let p) where p == "{":
            return try parseMapLiteral(t)
        case .identifier(let name):
            return try parseIdentifier(t, name)
        case .punct(let p) where p == ".":
            return try parseLeadingDot(t)
        default:
            return try parseLiteral(t)
        }
    }

    @inline(never)
    private mutating func parseLiteral(_ t: Token) throws(CELError) -> Expr {
        let value: Value
        switch t.kind {
        case .int(let mag):
            guard mag <= UInt64(Int64.max) else {
                throw CELError("integer literal out of range", offset: t.offset, length: t.length)
            }
            value = .int(Int64(mag))
        case .uint(let v): value = .uint(v)
        case .double(let v): value = .double(v)
        case .string(let s): value = .string(s)
        case .bytes(let b): value = .bytes(b)
        case .quotedIdentifier(let s):
            throw CELError("quoted identifier `\(s)` is only allowed as a field name", offset: t.offset, length: t.length)
        case .eof:
            throw CELError("unexpected end of expression", offset: t.offset, length: 0)
        default:
            throw CELError("unexpected \(describe(t))", offset: t.offset, length: t.length)
        }
        _ = advance()
        return try make(.literal(value), from: t.offset, to: t.offset + t.length, children: [])
    }

    @inline(never)
    private mutating func parseIdentifier(_ t: Token, _ name: String) throws(CELError) -> Expr {
        _ = advance()
        switch name {
        case "true": return try make(.literal(.bool(true)), from: t.offset, to: t.offset + t.length, children: [])
        case "false": return try make(.literal(.bool(false)), from: t.offset, to: t.offset + t.length, children: [])
        case "null": return try make(.literal(.null), from: t.offset, to: t.offset + t.length, children: [])
        default: break
        }
        try checkIdentifier(t, name)
        if isPunct("(") {
            return try parseCall(target: nil, function: name, start: t.offset, nameOffset: t.offset)
        }
        if isPunct("{") { throw messageConstruction(t.offset) }
        return try make(.ident(name), from: t.offset, to: t.offset + t.length, children: [])
    }

    @inline(never)
    private func checkIdentifier(_ t: Token, _ name: String) throws(CELError) {
        if name == "in" {
            throw CELError("unexpected 'in'", offset: t.offset, length: t.length)
        }
        if reservedWords.contains(name) {
            throw CELError("'\(name)' is a reserved word and cannot be used as an identifier",
                           offset: t.offset, length: t.length)
        }
    }

    @inline(never)
    private func messageConstruction(_ start: Int) -> CELError {
        CELError("message construction is not supported", offset: start, length: current.offset + 1 - start)
    }

    /// A leading dot: `.name` refers to the root scope; we treat it as the plain identifier.
    @inline(never)
    private mutating func parseLeadingDot(_ t: Token) throws(CELError) -> Expr {
        _ = advance()
        let n = advance()
        guard case .identifier(let name) = n.kind, !reservedWords.contains(name) else {
            throw CELError("expected an identifier after '.'", offset: n.offset, length: n.length)
        }
        if isPunct("(") {
            return try parseCall(target: nil, function: name, start: t.offset, nameOffset: n.offset)
        }
        return try make(.ident(name), from: t.offset, to: n.offset + n.length, children: [])
    }

    /// Parses `(args)` (the current token is `(`) and builds the call or macro.
    @inline(never)
    private mutating func parseCall(target: Expr?, function: String, start: Int, nameOffset: Int) throws(CELError) -> Expr {
        _ = advance()
        let args = try parseArgs(closing: ")")
        let close = try expect(")")
        return try makeCall(target: target, function: function, args: args, start: start,
                            end: close.offset + 1, nameOffset: nameOffset)
    }

    @inline(never)
    private mutating func parseListLiteral(_ t: Token) throws(CELError) -> Expr {
        _ = advance()
        let elems = try parseArgs(closing: "]")
        let close = try expect("]")
        return try make(.list(elems), from: t.offset, to: close.offset + 1, children: elems)
    }

    @inline(never)
    private mutating func parseMapLiteral(_ t: Token) throws(CELError) -> Expr {
        _ = advance()
        var entries: [MapEntryExpr] = []
        var kids: [Expr] = []
        while !isPunct("}") {
            let optional = isPunct("?")
            let mark = optional ? advance() : current
            let k = try parseExpr()
            _ = try expect(":")
            var v = try parseExpr()
            if optional {
                v = try make(.call(target: nil, function: OptionalSyntax.entry, args: [v]),
                             from: mark.offset, to: end(of: v), children: [v])
            }
            entries.append(MapEntryExpr(key: k, value: v))
            kids.append(k)
            kids.append(v)
            if isPunct(",") {
                _ = advance()
            } else {
                break
            }
        }
        let close = try expect("}")
        return try make(.map(entries), from: t.offset, to: close.offset + 1, children: kids)
    }

    // MARK: - Calls and macros

    @inline(never)
    private mutating func makeCall(target: Expr?, function: String, args: [Expr], start: Int, end: Int,
                                   nameOffset: Int) throws(CELError) -> Expr {
        if !options.disableMacros, let macro = try expandMacro(target: target, function: function, args: args,
                                                               start: start, end: end) {
            return macro
        }
        let kids = (target.map { [$0] } ?? []) + args
        return try make(.call(target: target, function: function, args: args), from: start, to: end, children: kids)
    }

    private func simpleName(_ e: Expr, macro: String) throws(CELError) -> String {
        guard case .ident(let n) = e.kind else {
            throw CELError("\(macro)() variable must be a simple name", offset: e.offset, length: e.length)
        }
        return n
    }

    /// The variable `sortBy` binds its list to.
    static let sortByInput = "@__sortBy_input__"

    /// `x.sortBy(e, k)`, as cel-go expands it: `cel.bind(@sortBy, x, @sortByAssociatedKeys(@sortBy,
    /// @sortBy.map(e, k)))`, so that `x` is evaluated once.
    private mutating func sortBy(_ range: Expr, _ args: [Expr], start: Int, end: Int) throws(CELError) -> Expr {
        let input = Parser.sortByInput
        let v = try simpleName(args[0], macro: "sortBy")
        func ref() throws(CELError) -> Expr { try make(.ident(input), from: range.offset, to: self.end(of: range), children: []) }
        let keysRange = try ref()
        let keys = Comprehension(kind: .map, range: keysRange, variable: v, variable2: nil, predicate: nil, transform: args[1])
        let keysExpr = try make(.comprehension(keys), from: start, to: end, children: [keysRange, args[1]])
        let list = try ref()
        let call = try make(.call(target: nil, function: ListsLibrary.sortByFunction, args: [list, keysExpr]),
                            from: start, to: end, children: [list, keysExpr])
        let bind = Comprehension(kind: .bind, range: range, variable: input, variable2: nil, predicate: nil, transform: call)
        return try make(.comprehension(bind), from: start, to: end, children: [range, call])
    }

    @inline(never)
    private mutating func expandMacro(target: Expr?, function: String, args: [Expr], start: Int,
                                      end: Int) throws(CELError) -> Expr? {
        guard let range = target else {
            guard function == "has", args.count == 1 else { return nil }
            let arg = args[0]
            guard case .select(let operand, let field) = arg.kind else {
                throw CELError("invalid argument to has() macro: expected a field selection like has(x.f)",
                               offset: arg.offset, length: arg.length)
            }
            return try make(.has(operand, field: field), from: start, to: end, children: [operand])
        }
        if function == "bind", args.count == 3, range.qualifiedName == "cel" {
            let c = Comprehension(kind: .bind, range: args[1], variable: try simpleName(args[0], macro: "cel.bind"),
                                  variable2: nil, predicate: nil, transform: args[2])
            return try make(.comprehension(c), from: start, to: end, children: [args[1], args[2]])
        }
        if function == "sortBy", args.count == 2 { return try sortBy(range, args, start: start, end: end) }
        let kind: MacroKind
        var v2: String? = nil
        var predicate: Expr? = nil
        var transform: Expr? = nil
        let v1: String
        switch (function, args.count) {
        case ("all", 2), ("exists", 2), ("exists_one", 2), ("filter", 2):
            kind = function == "all" ? .all : function == "exists" ? .exists : function == "filter" ? .filter : .existsOne
            v1 = try simpleName(args[0], macro: function)
            predicate = args[1]
        case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3):
            kind = function == "all" ? .all : function == "exists" ? .exists : .existsOne
            v1 = try simpleName(args[0], macro: function)
            v2 = try simpleName(args[1], macro: function)
            predicate = args[2]
        case ("map", 2):
            kind = .map
            v1 = try simpleName(args[0], macro: function)
            transform = args[1]
        case ("map", 3):
            kind = .map
            v1 = try simpleName(args[0], macro: function)
            predicate = args[1]
            transform = args[2]
        case ("optMap", 2), ("optFlatMap", 2):
            kind = function == "optMap" ? .optMap : .optFlatMap
            v1 = try simpleName(args[0], macro: function)
            transform = args[1]
        case ("transformList", 3), ("transformMap", 3), ("transformMapEntry", 3):
            kind = MacroKind(rawValue: function) ?? .transformList
            v1 = try simpleName(args[0], macro: function)
            v2 = try simpleName(args[1], macro: function)
            transform = args[2]
        case ("transformList", 4), ("transformMap", 4), ("transformMapEntry", 4):
            kind = MacroKind(rawValue: function) ?? .transformList
            v1 = try simpleName(args[0], macro: function)
            v2 = try simpleName(args[1], macro: function)
            predicate = args[2]
            transform = args[3]
        default:
            return nil
        }
        if let v2, v2 == v1 {
            throw CELError("\(function)() variables must have different names", offset: start, length: end - start)
        }
        let c = Comprehension(kind: kind, range: range, variable: v1, variable2: v2, predicate: predicate, transform: transform)
        let kids = [range] + (predicate.map { [$0] } ?? []) + (transform.map { [$0] } ?? [])
        return try make(.comprehension(c), from: start, to: end, children: kids)
    }
}

/// A parsed expression: the source text and its syntax tree.
public struct Expression: Sendable {
    /// The source text, as given.
    public let source: String
    /// The root of the syntax tree.
    public let root: Expr

    /// Parses `source`. Throws a `CELError` (a syntax error with the offset, in Unicode scalars,
    /// of the offending token) when the text is not a valid expression.
    public init(parsing source: String, options: ParseOptions = .init()) throws(CELError) {
        self.source = source
        var lexer = Lexer(source)
        let tokens = try lexer.tokenize()
        var parser = Parser(tokens: tokens, options: options)
        self.root = try parser.parseAll()
    }
}
