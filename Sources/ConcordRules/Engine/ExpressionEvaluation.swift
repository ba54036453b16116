import ConcordCEL
import ConcordDiagnostics
import ConcordYAML

/// `concord eval`: one CEL expression with Concord's functions, over an optional data file
/// (`self` and `dataset` bound to its documents) and variables given as YAML.
public struct ExpressionEvaluation: Sendable {
    public enum Outcome: Sendable {
        case value(Value)
        /// A syntax, name or evaluation error, with the 1-based column in the expression when known.
        case failure(message: String, column: Int?)
        /// The data or a variable could not be loaded.
        case loadFailure([Diagnostic])
    }

    public var functions: FunctionTable

    public init(functions: FunctionTable = .concord) {
        self.functions = functions
    }

    /// Evaluates `source`. `dataPath` binds `self` to the file's first document and `dataset`
    /// to all its documents merged; each variable is `name → YAML text`.
    public func evaluate(_ source: String, dataPath: String? = nil, variables: [(String, String)] = []) -> Outcome {
        let loader = YAMLLoader()
        var files: [YAMLFile] = []
        var problems: [Diagnostic] = []
        var selfNode: YAMLNode? = nil
        var dataset = Dataset()
        if let dataPath {
            let loaded = loader.load(path: dataPath)
            problems += loaded.diagnostics.filter { $0.severity == .error }
            if let file = loaded.yamlFile { files.append(file) }
            selfNode = loaded.documents.first?.root
            for document in loaded.documents { dataset.add(document) }
        }
        var variableNodes: [(String, YAMLNode?)] = []
        for (name, text) in variables {
            let loaded = loader.load(text: text, file: "--var \(name)")
            problems += loaded.diagnostics.filter { $0.severity == .error }
            if let file = loaded.yamlFile { files.append(file) }
            variableNodes.append((name, loaded.documents.first?.root))
        }
        if !problems.isEmpty { return .loadFailure(problems) }

        let expression: ConcordCEL.Expression
        do throws(CELError) {
            expression = try ConcordCEL.Expression(parsing: source)
        } catch {
            return .failure(message: "syntax error: \(error.message)", column: error.column)
        }
        var names: Set<String> = Set(variableNodes.map(\.0))
        if dataPath != nil { names.formUnion(["self", "dataset"]) }
        if let problem = Checker(variables: names, functions: functions).check(expression).first {
            return .failure(message: problem.message, column: problem.column)
        }

        let table = DataValues(files: files)
        var activation = Activation()
        if let selfNode {
            activation.bind("self", to: table.value(of: selfNode), origin: table.origin(of: selfNode))
            activation.bind("dataset", to: table.value(of: dataset))
        }
        for (name, node) in variableNodes {
            activation.bind(name, to: node.map(table.value(of:)) ?? .null)
        }
        // The data's lists and maps are views of the table's storage: copy the result out of it
        // while the table lives.
        let value = withExtendedLifetime(table) {
            Evaluator(functions: functions).evaluate(expression.root, activation).materialized()
        }
        table.close()
        if case .error(let e) = value {
            return .failure(message: e.message, column: e.column)
        }
        return .value(value)
    }
}
