import ConcordRules

/// Bytes → the rule file loader (YAML, fields, CEL compiled and checked); a rule file that loads
/// without errors then runs its own examples through the engine.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (set, diagnostics) = RuleFileLoader().load(texts: [(file: "fuzz-rules.yaml", text: text)])
    if !diagnostics.contains(where: { $0.severity == .error }) {
        _ = ExampleRunner(rules: set).run()
    }
    return 0
}
