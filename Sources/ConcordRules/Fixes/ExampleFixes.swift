import ConcordDiagnostics

/// Checks an invalid example's `fixed:` text: all the rule's fixes (safe and unsafe), applied
/// in rounds, turn the example into exactly that text, which loads and which a second run
/// leaves unchanged.
enum ExampleFixes {
    static let file = "example.yaml"

    /// A description of what went wrong, or nil.
    static func problem(id: String, example: String, fixed: String, check: (String) -> [Diagnostic]) -> String? {
        let rounds = FixRounds(applicability: .unsafe)
        let outcome = rounds.run([file: Array(example.utf8)]) { texts in
            check(String(decoding: texts[file] ?? [], as: UTF8.self))
        }
        let result = String(decoding: outcome.texts[file] ?? [], as: UTF8.self)
        if outcome.applied.isEmpty { return "`fixed` is given but no fix of \(id) applies" }
        if !outcome.unconverged.isEmpty { return "the fixes did not converge in \(rounds.maxRounds) rounds" }
        if result != fixed {
            return "after its fixes the example is:\n\(result)\nbut `fixed` is:\n\(fixed)"
        }
        let again = rounds.run([file: Array(result.utf8)]) { texts in
            check(String(decoding: texts[file] ?? [], as: UTF8.self))
        }
        if !again.applied.isEmpty { return "applying the fixes again changes the fixed text (not idempotent)" }
        return nil
    }
}
