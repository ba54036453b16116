import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// Loads rule files (YAML, with the positioned loader) into a `RuleSet`. Every problem is a
/// diagnostic at its line and column in the rule file; a rule set with errors must not run.
public struct RuleFileLoader: Sendable {
    public let functions: FunctionTable
    /// An expression whose estimated worst-case cost exceeds this is a rule-file error.
    public var costBudget: Int
    /// Estimates the cost of expressions (unknown list sizes take its `unknownSize`).
    public var costEstimator: CostEstimator

    /// The default budget: ten times the evaluator's runtime budget per evaluation, as
    /// Kubernetes' static limit (10,000,000) is ten times its runtime limit per call.
    public static let defaultCostBudget = 10_000_000

    public init(functions: FunctionTable = .concord, costBudget: Int? = nil, maxListSize: Int? = nil) {
        self.functions = functions
        self.costBudget = costBudget ?? Self.defaultCostBudget
        self.costEstimator = CostEstimator(unknownSize: maxListSize ?? CostEstimator.defaultUnknownSize)
    }

    static let topLevelFields = ["rules", "variables", "shapes"]
    static let ruleFields = ["id", "description", "severity", "for", "when", "assert", "message", "at",
                             "unique", "references", "key", "help", "examples", "fix", "transition", "optionalOldSelf"]
    static let shapeFields = ["id", "description", "severity", "for", "fields", "closed", "examples"]
    static let fieldSpecFields = ["type", "required", "fields", "closed"]
    static let exampleFields = ["valid", "invalid"]
    /// An example given as a mapping: its data, for an invalid one the text after its fixes,
    /// and for a transition rule the data at the base revision.
    static let exampleItemFields = ["data", "fixed", "base"]

    /// Loads every `.yaml`/`.yml` file under `paths`.
    public func load(paths: [String]) -> (RuleSet, [Diagnostic]) {
        switch YAMLFileFinder.find(paths) {
        case .failure(let missing):
            return (RuleSet(), [ConfigurationRules.missingPath.diagnostic(
                at: SourceLocation(file: missing.path),
                message: ConfigurationRules.Message.missingPath(missing.path))])
        case .success(let found):
            let loader = YAMLLoader()
            let (set, diagnostics) = load(results: found.files.map { loader.load(path: $0) })
            return (set, found.diagnostics + diagnostics)
        }
    }

    /// Loads rule files from text (for tests).
    public func load(texts: [(file: String, text: String)]) -> (RuleSet, [Diagnostic]) {
        let loader = YAMLLoader()
        return load(results: texts.map { loader.load(text: $0.text, file: $0.file) })
    }

    func load(results: [LoadResult]) -> (RuleSet, [Diagnostic]) {
        var set = RuleSet()
        var diagnostics: [Diagnostic] = []
        var ruleNodes: [YAMLNode] = []
        var shapeNodes: [YAMLNode] = []
        var variableNames: [String] = []
        var seenVariables: [String: YAMLNode] = [:]

        for result in results {
            diagnostics.append(contentsOf: result.diagnostics)
            set.files.append(result.file)
            for document in result.documents {
                guard document.root.mapping != nil else {
                    if document.root.scalarValue == .null { continue }
                    diagnostics.append(invalid(RuleFileRules.Message.notAMapping("a rule file"), document.root))
                    continue
                }
                let top = MappingReader(document.root, context: "a rule file", allowed: Self.topLevelFields,
                                        diagnostics: &diagnostics)
                if let variables = top.node("variables") {
                    if let pairs = variables.mapping {
                        for pair in pairs {
                            guard let name = pair.key.stringValue, Self.isIdentifier(name) else {
                                diagnostics.append(invalid(RuleFileRules.Message.badVariableName(pair.key.scalarText ?? "?"), pair.key))
                                continue
                            }
                            if let first = seenVariables[name] {
                                diagnostics.append(RuleFileRules.duplicateID.diagnostic(
                                    at: pair.key.location,
                                    message: RuleFileRules.Message.duplicateVariable(name),
                                    related: [RelatedLocation(location: first.location, message: RuleFileRules.Message.firstDefinition)]))
                                continue
                            }
                            seenVariables[name] = pair.key
                            let allowed = Set(["dataset"] + variableNames)
                            if let expression = compile(pair.value, field: "variables.\(name)", variables: allowed, diagnostics: &diagnostics) {
                                set.variables.append(RuleVariable(name: name, expression: expression))
                            }
                            variableNames.append(name)
                        }
                    } else {
                        diagnostics.append(invalid(RuleFileRules.Message.notAMapping("`variables`"), variables))
                    }
                }
                for (field, into) in [("rules", 0), ("shapes", 1)] {
                    guard let list = top.node(field) else { continue }
                    guard let items = list.sequence else {
                        diagnostics.append(invalid(RuleFileRules.Message.notAList("`\(field)`"), list))
                        continue
                    }
                    if into == 0 { ruleNodes.append(contentsOf: items) } else { shapeNodes.append(contentsOf: items) }
                }
            }
        }

        var ids: [String: YAMLNode] = [:]
        let ruleVariables = Set(["self", RuleEngine.selfKeyName, "dataset", "oldSelf"] + variableNames)
        for node in ruleNodes {
            if let rule = loadRule(node, variables: ruleVariables, ids: &ids, diagnostics: &diagnostics) {
                set.rules.append(rule)
            }
        }
        for node in shapeNodes {
            if let shape = loadShape(node, ids: &ids, diagnostics: &diagnostics) {
                set.shapes.append(shape)
            }
        }
        return (set, diagnostics)
    }

    // MARK: Rules

    private func loadRule(_ node: YAMLNode, variables: Set<String>, ids: inout [String: YAMLNode],
                          diagnostics: inout [Diagnostic]) -> Rule? {
        guard let (reader, id, errorsBefore) = openEntry(node, "a rule", fields: Self.ruleFields, ids: &ids,
                                                         diagnostics: &diagnostics) else { return nil }
        let name = id?.0 ?? "?"
        let description = reader.string("description", diagnostics: &diagnostics)?.0 ?? ""
        let severity = readSeverity(reader, diagnostics: &diagnostics)
        let selector = readSelector(reader, diagnostics: &diagnostics)
        let when = reader.node("when").flatMap { compile($0, field: "when", variables: variables, diagnostics: &diagnostics) }
        let at = reader.node("at").flatMap { compile($0, field: "at", variables: variables, diagnostics: &diagnostics) }
        let help = reader.string("help", diagnostics: &diagnostics)?.0

        var check: RuleCheck? = nil
        var templateVariables = variables
        let kinds = ["assert", "unique", "references"].filter { reader.node($0) != nil }
        if kinds.count != 1 {
            let at = (kinds.count > 1 ? reader.values[kinds[1]]?.key : nil)?.location ?? node.location
            diagnostics.append(RuleFileRules.missingField.diagnostic(at: at,
                                                                     message: RuleFileRules.Message.missingCheck(name)))
        } else if let assertNode = reader.node("assert") {
            if let e = compile(assertNode, field: "assert", variables: variables, diagnostics: &diagnostics) {
                check = .assert(e)
                templateVariables.formUnion(Self.macroVariables(e.root))
            }
            if reader.node("key") != nil, let keyNode = reader.values["key"]?.key {
                diagnostics.append(invalid(RuleFileRules.Message.keyWithoutReferences(name), keyNode))
            }
        } else if let uniqueNode = reader.node("unique") {
            if let e = compile(uniqueNode, field: "unique", variables: variables, diagnostics: &diagnostics) {
                check = .unique(e)
            }
            if let keyNode = reader.values["key"]?.key {
                diagnostics.append(invalid(RuleFileRules.Message.keyWithoutReferences(name), keyNode))
            }
            templateVariables.insert("key")
        } else if let referencesNode = reader.node("references") {
            let target = parseSelector(referencesNode, diagnostics: &diagnostics)
            templateVariables.insert("key")
            if let keyNode = reader.node("key") {
                if let key = compile(keyNode, field: "key", variables: variables, diagnostics: &diagnostics), let target {
                    check = .references(target, key: key)
                }
            } else {
                diagnostics.append(RuleFileRules.missingField.diagnostic(
                    at: node.location,
                    message: RuleFileRules.Message.referencesNeedsKey(name)))
            }
        }
        let message = reader.node("message").flatMap { compileTemplate($0, variables: templateVariables, diagnostics: &diagnostics) }
        let fix = reader.node("fix").flatMap { readFix($0, variables: templateVariables, diagnostics: &diagnostics) }
        let (valid, invalidExamples) = readExamples(reader, diagnostics: &diagnostics)

        let transition = readTransition(reader, selector: selector, check: check, message: message,
                                        expressions: [when, at], diagnostics: &diagnostics)

        let errorsAfter = diagnostics.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore, let (idValue, idNode) = id, let selector, let check else { return nil }
        var rule = Rule(id: idValue, description: description, severity: severity, selector: selector, when: when,
                        check: check, message: message, at: at, help: help, validExamples: valid,
                        invalidExamples: invalidExamples, definedAt: idNode.location, fix: fix)
        rule.transition = transition
        return rule
    }

    /// `transition:` and `optionalOldSelf:`; a rule whose expressions name `oldSelf` is a
    /// transition rule on changed records. Transition rules assert, over records or their fields.
    private func readTransition(_ reader: MappingReader, selector: Selector?, check: RuleCheck?, message: MessageTemplate?,
                                expressions: [RuleExpression?], diagnostics: inout [Diagnostic]) -> RuleTransition? {
        var optional = false
        if let node = reader.node("optionalOldSelf") {
            if case .bool(let b)? = node.scalarValue { optional = b } else {
                diagnostics.append(invalid(RuleFileRules.Message.notABool("optionalOldSelf"), node))
            }
        }
        var all = expressions.compactMap { $0 }
        if let check {
            switch check {
            case .assert(let e), .unique(let e), .references(_, let e): all.append(e)
            }
        }
        for case .expression(let e) in message?.parts ?? [] { all.append(e) }
        let mentionsOldSelf = all.contains { Self.names($0.root, "oldSelf") }
        var transition: RuleTransition? = mentionsOldSelf ? .changed(optional: optional) : nil
        if let (text, node) = reader.string("transition", diagnostics: &diagnostics) {
            switch text {
            case "changed": transition = .changed(optional: optional)
            case "removed": transition = .removed
            default: diagnostics.append(invalid(RuleFileRules.Message.badTransition(text), node))
            }
        }
        guard transition != nil else { return nil }
        if let check, case .assert = check {} else if check != nil, let node = reader.values["unique"]?.key ?? reader.values["references"]?.key {
            diagnostics.append(invalid(RuleFileRules.Message.transitionNeedsAssert, node))
        }
        if let selector, TransitionSelector(selector) == nil, let node = reader.node("for") {
            diagnostics.append(RuleFileRules.badSelector.diagnostic(at: node.location,
                                                                    message: RuleFileRules.Message.transitionSelector(selector.source)))
        }
        return transition
    }

    /// Whether an expression names the variable `name`.
    static func names(_ expr: Expr, _ name: String) -> Bool {
        if case .ident(let n) = expr.kind, n == name { return true }
        return expr.children.contains { names($0, name) }
    }

    private func checkID(_ value: String, _ node: YAMLNode, ids: inout [String: YAMLNode], diagnostics: inout [Diagnostic]) {
        if !Self.isKebabCase(value) {
            diagnostics.append(invalid(RuleFileRules.Message.badID(value), node))
        }
        if let first = ids[value] {
            diagnostics.append(RuleFileRules.duplicateID.diagnostic(at: node.location,
                                                                    message: RuleFileRules.Message.duplicateID(value),
                                                                    related: [RelatedLocation(location: first.location, message: RuleFileRules.Message.firstDefinition)]))
        } else {
            ids[value] = node
        }
    }

    private func readSeverity(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> Severity {
        guard let (text, node) = reader.string("severity", diagnostics: &diagnostics) else { return .error }
        guard let severity = Severity(rawValue: text) else {
            diagnostics.append(invalid(RuleFileRules.Message.badSeverity(text), node))
            return .error
        }
        return severity
    }

    private func readSelector(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> Selector? {
        guard reader.values["for"] != nil else {
            diagnostics.append(RuleFileRules.missingField.diagnostic(at: reader.node.location,
                                                                     message: RuleFileRules.Message.missingField("for", in: reader.context)))
            return nil
        }
        return reader.node("for").flatMap { parseSelector($0, diagnostics: &diagnostics) }
    }

    private func parseSelector(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> Selector? {
        guard let text = node.stringValue else {
            diagnostics.append(invalid(RuleFileRules.Message.notAString("selector"), node))
            return nil
        }
        do throws(Selector.ParseError) {
            return try Selector(parsing: text)
        } catch {
            let at = ScalarPositions.position(ofValueOffset: error.offset, in: node)
            let location = SourceLocation(file: node.file.path, range: SourceRange(at: at), document: node.location.document)
            diagnostics.append(RuleFileRules.badSelector.diagnostic(at: location,
                                                                    message: "bad selector: \(error.message)"))
            return nil
        }
    }

    // MARK: Expressions

    func compile(_ node: YAMLNode, field: String, variables: Set<String>, diagnostics: inout [Diagnostic]) -> RuleExpression? {
        guard let text = node.scalarText, node.isScalar else {
            diagnostics.append(invalid(RuleFileRules.Message.notAString(field), node))
            return nil
        }
        return compile(text, at: node, offsetInNode: 0, variables: variables, diagnostics: &diagnostics)
    }

    private func compile(_ text: String, at node: YAMLNode, offsetInNode: Int, variables: Set<String>,
                         diagnostics: inout [Diagnostic]) -> RuleExpression? {
        let expression: ConcordCEL.Expression
        do throws(CELError) {
            expression = try ConcordCEL.Expression(parsing: text)
        } catch {
            diagnostics.append(expressionDiagnostic(RuleFileRules.celSyntax, "CEL syntax error: \(error.message)",
                                                    node, offsetInNode + (error.offset ?? 0), error.length))
            return nil
        }
        let problems = Checker(variables: variables, functions: functions).check(expression)
        for problem in problems {
            diagnostics.append(expressionDiagnostic(RuleFileRules.celCheck, problem.message, node,
                                                    offsetInNode + (problem.offset ?? 0), problem.length))
        }
        guard problems.isEmpty else { return nil }
        let cost = costEstimator.estimate(expression.root)
        if cost > costBudget {
            diagnostics.append(expressionDiagnostic(RuleFileRules.costExceeded,
                                                    RuleFileRules.Message.costExceeded(cost, budget: costBudget, unknownSize: costEstimator.unknownSize),
                                                    node, offsetInNode, text.unicodeScalars.count))
        }
        return RuleExpression(expression: expression, node: node, estimatedCost: cost)
    }

    private func expressionDiagnostic(_ rule: RuleFileRules, _ message: String, _ node: YAMLNode, _ offset: Int,
                                      _ length: Int?) -> Diagnostic {
        let start = ScalarPositions.position(ofValueOffset: offset, in: node)
        var end = start
        if let length, length > 0 {
            let e = ScalarPositions.position(ofValueOffset: offset + length, in: node)
            if e.line == start.line, e.column > start.column { end = e }
        }
        return rule.diagnostic(at: SourceLocation(file: node.file.path, range: SourceRange(start: start, end: end),
                                                   document: node.location.document), message: message)
    }

    func compileTemplate(_ node: YAMLNode, variables: Set<String>, diagnostics: inout [Diagnostic]) -> MessageTemplate? {
        guard let text = node.scalarText, node.isScalar else {
            diagnostics.append(invalid(RuleFileRules.Message.notAString("message"), node))
            return nil
        }
        var parts: [MessageTemplate.Part] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0, literalStart = 0
        var ok = true
        while i < scalars.count {
            if scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
                if i > literalStart { parts.append(.text(String(String.UnicodeScalarView(scalars[literalStart..<i])))) }
                let exprStart = i + 2
                var j = exprStart
                while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                guard j + 1 < scalars.count else {
                    diagnostics.append(expressionDiagnostic(RuleFileRules.celSyntax, RuleFileRules.Message.unclosedPlaceholder(),
                                                            node, i, 2))
                    return nil
                }
                let source = String(String.UnicodeScalarView(scalars[exprStart..<j]))
                if let e = compile(source, at: node, offsetInNode: exprStart, variables: variables, diagnostics: &diagnostics) {
                    parts.append(.expression(e))
                } else {
                    ok = false
                }
                i = j + 2
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < scalars.count { parts.append(.text(String(String.UnicodeScalarView(scalars[literalStart...])))) }
        return ok ? MessageTemplate(parts: parts, source: text) : nil
    }

    /// Variables bound by the macros of an expression (`l` in `self.leaders.all(l, ...)`).
    static func macroVariables(_ expr: Expr) -> Set<String> {
        var names = Set<String>()
        func walk(_ e: Expr) {
            if case .comprehension(let c) = e.kind {
                names.insert(c.variable)
                if let v2 = c.variable2 { names.insert(v2) }
            }
            e.children.forEach(walk)
        }
        walk(expr)
        return names
    }

    // MARK: Examples

    func readExamples(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> ([RuleExample], [RuleExample]) {
        guard let node = reader.node("examples") else { return ([], []) }
        guard node.mapping != nil else {
            diagnostics.append(invalid(RuleFileRules.Message.notAMapping("`examples`"), node))
            return ([], [])
        }
        let examples = MappingReader(node, context: "examples", allowed: Self.exampleFields, diagnostics: &diagnostics)
        func read(_ field: String) -> [RuleExample] {
            guard let list = examples.node(field) else { return [] }
            guard let items = list.sequence else {
                diagnostics.append(invalid(RuleFileRules.Message.notAList("`examples.\(field)`"), list))
                return []
            }
            var result: [RuleExample] = []
            for item in items {
                // An example is the data text, or a mapping of `data:` with `fixed:` (the text
                // after its fixes) and `base:` (the data at the base revision, transition rules).
                var base: String? = nil
                var fixed: String? = nil
                var textNode = item
                if item.mapping != nil {
                    let fields = MappingReader(item, context: "an example", allowed: Self.exampleItemFields, diagnostics: &diagnostics)
                    if field == "valid", let fixedKey = fields.values["fixed"]?.key {
                        diagnostics.append(invalid(RuleFileRules.Message.fixedOnValidExample, fixedKey))
                    }
                    fixed = fields.string("fixed", diagnostics: &diagnostics)?.0
                    guard let data = fields.node("data") else {
                        diagnostics.append(RuleFileRules.missingField.diagnostic(
                            at: item.location,
                            message: RuleFileRules.Message.missingField("data", in: "an example")))
                        continue
                    }
                    textNode = data
                    if let baseNode = fields.node("base") {
                        guard let baseText = baseNode.stringValue, parses(baseText, at: baseNode, &diagnostics) else { continue }
                        base = baseText
                    }
                }
                guard let text = textNode.stringValue else {
                    diagnostics.append(invalid(RuleFileRules.Message.notAString("an example"), textNode))
                    continue
                }
                let (clean, marks) = ExampleMarkers.strip(text)
                guard parses(clean, at: item, &diagnostics) else { continue }
                var example = RuleExample(text: clean, expectedPositions: marks, node: item, fixed: fixed)
                example.base = base
                result.append(example)
            }
            return result
        }
        return (read("valid"), read("invalid"))
    }

    /// Whether an example's text is YAML that loads; if not, a diagnostic at the example.
    private func parses(_ text: String, at node: YAMLNode, _ diagnostics: inout [Diagnostic]) -> Bool {
        let loaded = YAMLLoader().load(text: text, file: "example")
        guard let problem = loaded.diagnostics.first(where: { $0.severity == .error }) else { return true }
        diagnostics.append(RuleFileRules.badExample.diagnostic(at: node.location,
                                                               message: RuleFileRules.Message.badExample(problem.message)))
        return false
    }

    // MARK: Shapes

    /// The start of reading a rule or a shape (`what`): it must be a mapping of `fields`; its
    /// `id` is read and checked for duplicates. Also returns how many errors there were before,
    /// so that the caller can tell whether the entry added any.
    private func openEntry(_ node: YAMLNode, _ what: String, fields: [String], ids: inout [String: YAMLNode],
                           diagnostics: inout [Diagnostic]) -> (MappingReader, (String, YAMLNode)?, Int)? {
        guard node.mapping != nil else {
            diagnostics.append(invalid(RuleFileRules.Message.notAMapping(what), node))
            return nil
        }
        let errorsBefore = diagnostics.filter { $0.severity == .error }.count
        let reader = MappingReader(node, context: what, allowed: fields, diagnostics: &diagnostics)
        let id = reader.requiredString("id", diagnostics: &diagnostics)
        if let (value, idNode) = id { checkID(value, idNode, ids: &ids, diagnostics: &diagnostics) }
        return (reader, id, errorsBefore)
    }

    private func loadShape(_ node: YAMLNode, ids: inout [String: YAMLNode], diagnostics: inout [Diagnostic]) -> Shape? {
        guard let (reader, id, errorsBefore) = openEntry(node, "a shape", fields: Self.shapeFields, ids: &ids,
                                                         diagnostics: &diagnostics) else { return nil }
        let description = reader.string("description", diagnostics: &diagnostics)?.0 ?? ""
        let severity = readSeverity(reader, diagnostics: &diagnostics)
        let selector = readSelector(reader, diagnostics: &diagnostics)
        let fields = readFields(reader, diagnostics: &diagnostics)
        let (valid, invalidExamples) = readExamples(reader, diagnostics: &diagnostics)
        let errorsAfter = diagnostics.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore, let (idValue, idNode) = id, let selector else { return nil }
        return Shape(id: idValue, description: description, severity: severity, selector: selector,
                     fields: fields ?? ShapeFields(fields: [], closed: false), validExamples: valid,
                     invalidExamples: invalidExamples, definedAt: idNode.location)
    }

    private func readFields(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> ShapeFields? {
        var closed = false
        if let closedNode = reader.node("closed") {
            if case .bool(let b)? = closedNode.scalarValue { closed = b } else {
                diagnostics.append(invalid("`closed` must be true or false", closedNode))
            }
        }
        guard let fieldsNode = reader.node("fields") else { return closed ? ShapeFields(fields: [], closed: true) : nil }
        guard let pairs = fieldsNode.mapping else {
            diagnostics.append(invalid(RuleFileRules.Message.notAMapping("`fields`"), fieldsNode))
            return nil
        }
        var fields: [(String, FieldSpec)] = []
        for pair in pairs {
            guard let name = pair.key.stringValue else { continue }
            if let spec = readFieldSpec(pair.value, diagnostics: &diagnostics) { fields.append((name, spec)) }
        }
        return ShapeFields(fields: fields, closed: closed)
    }

    private func readFieldSpec(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> FieldSpec? {
        if let text = node.stringValue {
            return parseType(text, node: node, fields: nil, diagnostics: &diagnostics).map { FieldSpec(type: $0, required: false) }
        }
        guard node.mapping != nil else {
            diagnostics.append(invalid("a field is a type name (`country`, `[string]`) or a mapping with `type`", node))
            return nil
        }
        let reader = MappingReader(node, context: "a field", allowed: Self.fieldSpecFields, diagnostics: &diagnostics)
        var required = false
        if let r = reader.node("required") {
            if case .bool(let b)? = r.scalarValue { required = b } else {
                diagnostics.append(invalid("`required` must be true or false", r))
            }
        }
        let nested = readFields(reader, diagnostics: &diagnostics)
        guard let (typeText, typeNode) = reader.string("type", diagnostics: &diagnostics) else {
            if let nested { return FieldSpec(type: .map(nested), required: required) }
            diagnostics.append(RuleFileRules.missingField.diagnostic(at: node.location,
                                                                     message: RuleFileRules.Message.missingField("type", in: "a field")))
            return nil
        }
        return parseType(typeText, node: typeNode, fields: nested, diagnostics: &diagnostics).map { FieldSpec(type: $0, required: required) }
    }

    private func parseType(_ text: String, node: YAMLNode, fields: ShapeFields?, diagnostics: inout [Diagnostic]) -> FieldType? {
        if let type = FieldType.parse(text, fields: fields) { return type }
        let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        diagnostics.append(invalid(RuleFileRules.Message.badShapeType(text, suggestion: Suggestions.closest(to: bare, among: FieldType.names + ["list"])), node))
        return nil
    }

    // MARK: Helpers

    private func invalid(_ message: String, _ node: YAMLNode) -> Diagnostic {
        RuleFileRules.invalidValue.diagnostic(at: node.location, message: message)
    }

    static func isKebabCase(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first), !s.hasSuffix("-"), !s.contains("--") else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}

import Foundation

/// `↓` marks where an invalid example's diagnostic is expected (as SwiftLint's examples do).
enum ExampleMarkers {
    static let marker: Character = "↓"

    /// The text without markers, and the 1-based (line, column) of each marker in it.
    static func strip(_ text: String) -> (String, [(line: Int, column: Int)]) {
        var clean = ""
        var marks: [(Int, Int)] = []
        var line = 1, column = 1
        for ch in text {
            if ch == marker {
                marks.append((line, column))
                continue
            }
            clean.append(ch)
            if ch == "\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
        }
        return (clean, marks)
    }
}
