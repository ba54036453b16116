import ConcordCEL
import ConcordRules
import ConcordYAML

/// Text → CEL front end and evaluator: parse, check (with Concord's functions), compile, and
/// evaluate both the closure tree and the syntax tree under a cost budget, with `self` bound to
/// a record of a small loaded dataset (values read from the YAML storage, as in a real check)
/// and `x`, `s`, `l`, `m` bound to plain values.
struct Bindings: @unchecked Sendable {
    let table: DataValues
    let activation: Activation

    init() {
        let text = """
        pledges:
          - id: nl-it-2024
            donor: NL
            coalition: it
            amount: {value: 10000000, currency: EUR}
            date: 2024-02-14
            tags: [cyber, licences]
          - id: dk-it
            donor: DK
            amount: {value: 91000000, currency: DKK}
        coalitions:
          - {id: it, leaders: [EE, LU], members: [UA, BE, GB, DK, EE, IS, IT, LV, LT, LU, JP]}
        """
        let loaded = YAMLLoader().load(text: text, file: "fuzz-data.yaml")
        var dataset = Dataset()
        for document in loaded.documents { dataset.add(document) }
        table = DataValues(files: loaded.yamlFile.map { [$0] } ?? [])
        var activation = Activation()
        if let root = loaded.documents.first?.root, let record = root["pledges"]?.sequence?.first {
            activation.bind("self", to: table.value(of: record), origin: table.origin(of: record))
        }
        activation.bind("dataset", to: table.value(of: dataset))
        activation.bind("x", to: .int(7))
        activation.bind("s", to: .string("héllo wörld"))
        activation.bind("l", to: .list(ListValue([.int(1), .double(2.5), .string("a"), .null])))
        activation.bind("m", to: .map(MapValue([.string("k"): .int(1), .int(2): .bool(true)])))
        self.activation = activation
    }
}


/// One function table for all inputs (made before the first input, so that its one-time
/// allocations do not count as an input's leak).
let functions = FunctionTable.concord

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = functions
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCEL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? Expression(parsing: source) else { return 0 }
    _ = Checker(variables: ["self", "dataset", "x", "s", "l", "m"], functions: functions).check(expression)
    _ = expression.root.description
    let evaluator = Evaluator(functions: functions, costLimit: 20_000)
    let compiled = evaluator.compile(expression.root)
    // Made for each input: values kept in a global across inputs look leaked to LeakSanitizer
    // (Swift keeps an enum's case in the spare bits of its payload pointer, which the
    // sanitizer then does not recognise as a pointer).
    let bindings = Bindings()
    withExtendedLifetime(bindings.table) {
        _ = evaluator.evaluate(compiled, bindings.activation).materialized()
        _ = evaluator.evaluate(expression, bindings.activation).materialized()
    }
    return 0
}
