import ConcordDiagnostics
import ConcordYAML

/// Applies fixes in rounds until none applies: check the texts, apply the fixes found (those
/// that overlap an earlier one wait for the next round), check again. A round's result that
/// would not parse is not kept: its fixes are then taken one by one, and a fix that breaks
/// the file is dropped. At most `maxRounds` rounds; fixes still applying after them are
/// reported as not converging.
public struct FixRounds: Sendable {
    /// The fixes applied with `--fix`, or with `--unsafe-fixes` too.
    public var applicability: FixApplicability
    public var maxRounds: Int

    public init(applicability: FixApplicability, maxRounds: Int = 10) {
        self.applicability = applicability
        self.maxRounds = maxRounds
    }

    public struct Outcome: Sendable {
        /// Every text, fixed (unchanged files as given).
        public var texts: [String: [UInt8]]
        /// The files whose text changed.
        public var changedFiles: [String]
        /// The fixes applied, with the rule of each, in the order applied.
        public var applied: [(ruleID: String, fix: Fix)]
        public var rounds: Int
        /// The rules whose fixes still applied after the last round (empty when converged).
        public var unconverged: [String]
        /// What the last check found in the fixed texts (nil when the last round applied
        /// fixes and no check ran after it).
        public var remaining: [Diagnostic]?
    }

    /// Runs the rounds; `check` checks a set of texts (file → bytes) and returns diagnostics.
    public func run(_ texts: [String: [UInt8]], check: ([String: [UInt8]]) -> [Diagnostic]) -> Outcome {
        var current = texts
        var applied: [(String, Fix)] = []
        var lastRound: [String] = []
        var rounds = 0
        var remaining: [Diagnostic]? = nil
        while true {
            let diagnostics = check(current)
            var candidates: [(String, Fix)] = []
            for d in diagnostics {
                for fix in d.fixes where fix.applicability <= applicability { candidates.append((d.ruleID, fix)) }
            }
            let outcome = Self.applyKeepingParsable(candidates.map(\.1), to: current)
            if outcome.applied.isEmpty || rounds == maxRounds {
                remaining = diagnostics
                lastRound = outcome.applied.isEmpty ? [] : candidates.filter { c in outcome.applied.contains(c.1) }.map(\.0)
                break
            }
            rounds += 1
            for fix in outcome.applied {
                if let c = candidates.first(where: { $0.1 == fix }) { applied.append((c.0, fix)) }
            }
            current.merge(outcome.texts) { _, new in new }
        }
        var unconverged: [String] = []
        for id in lastRound where !unconverged.contains(id) { unconverged.append(id) }
        let changed = current.keys.filter { current[$0] != texts[$0] }.sorted()
        return Outcome(texts: current, changedFiles: changed, applied: applied, rounds: rounds,
                       unconverged: unconverged, remaining: remaining)
    }

    /// Applies the fixes that do not overlap; in a file whose result would not load, only
    /// those that keep it loadable, one by one.
    static func applyKeepingParsable(_ fixes: [Fix], to texts: [String: [UInt8]]) -> FixApplier.Outcome {
        var outcome = FixApplier.apply(fixes, to: texts)
        let broken = outcome.texts.filter { !Self.loads($0.value, file: $0.key) }.map(\.key)
        guard !broken.isEmpty else { return outcome }
        for file in broken {
            let own = outcome.applied.filter { $0.files == [file] }
            var kept: [Fix] = []
            var text = texts[file]
            for fix in own {
                let trial = FixApplier.apply(kept + [fix], to: [file: texts[file] ?? []])
                if let t = trial.texts[file], Self.loads(t, file: file) {
                    kept.append(fix)
                    text = t
                }
            }
            outcome.applied.removeAll { $0.files.contains(file) && !kept.contains($0) }
            outcome.texts[file] = text
        }
        outcome.texts = outcome.texts.filter { texts[$0.key] != $0.value }
        return outcome
    }

    /// Whether a text loads without a fatal problem.
    static func loads(_ bytes: [UInt8], file: String) -> Bool {
        YAMLLoader().load(bytes: bytes, file: file).succeeded
    }
}
