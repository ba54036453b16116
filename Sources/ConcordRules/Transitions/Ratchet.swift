import ConcordDiagnostics
import ConcordYAML

/// Ratcheting (`ratchet: true` in `.concord.yaml`, or `--ratchet`), after Kubernetes' KEP-4008:
/// a violation that was already there at the base revision, on a record this change leaves as
/// it was, does not fail the gate. It is reported at `info`, its message ending with
/// "(present at BASE)". A gate can then be switched on for a dataset that is not clean yet,
/// without a baseline file; whatever a change touches must be clean.
///
/// "Already there" means: the same rule gave the same message on the record with the same
/// identity at the base (or, outside any record, in the file of the same name), and the record
/// is unchanged. A record whose content changed, a new record, and a violation that the change
/// caused elsewhere (an unchanged pledge whose coalition was removed) all still fail.
public struct Ratchet: Sendable {
    /// The base revision as the user named it.
    public let ref: String
    private let now: RecordIndex
    private let old: RecordIndex
    /// (rule, record identity or file, message) of every diagnostic at the base.
    private let present: Set<Key>

    private struct Key: Hashable {
        let rule: String
        let place: String
        let message: String
    }

    /// `baseDiagnostics` are what the check found at the base (files named `REF:path`);
    /// `pathNow` names a base file as the working tree does.
    /// `records` are the two datasets' record indexes when the caller has made them already.
    public init(ref: String, dataset: Dataset, base: Dataset, baseDiagnostics: [Diagnostic], rules: RuleSet,
                pathNow: (String) -> String = TransitionChecker.workingTreePath,
                records: (now: RecordIndex, base: RecordIndex)? = nil) {
        self.ref = ref
        now = records?.now ?? RecordIndex(dataset: dataset, rules: rules)
        let old = records?.base ?? RecordIndex(dataset: base, rules: rules)
        self.old = old
        var present = Set<Key>()
        for d in baseDiagnostics {
            let record = d.location.range.flatMap { old.record(inFile: d.location.file, atOffset: $0.start.offset) }
            let place = record.map { Self.place(of: $0) } ?? "file " + pathNow(d.location.file)
            present.insert(Key(rule: d.ruleID, place: place, message: d.message))
        }
        self.present = present
    }

    private static func place(of record: DatasetRecord) -> String {
        record.identity.map { "record \($0.list)\u{0}\($0.key)" } ?? "unidentified"
    }

    /// The diagnostics, with those present at the base on unchanged records lowered to `info`.
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { d in
            guard d.severity > .info, let key = key(of: d), present.contains(key) else { return d }
            var lowered = d
            lowered.severity = .info
            lowered.message = Message.present(d.message, ref: ref)
            return lowered
        }
    }

    /// The key of a diagnostic on an unchanged record (or outside records); nil when the record
    /// changed or is new.
    private func key(of d: Diagnostic) -> Key? {
        guard let range = d.location.range,
              let record = now.record(inFile: d.location.file, atOffset: range.start.offset) else {
            return Key(rule: d.ruleID, place: "file " + d.location.file, message: d.message)
        }
        guard let identity = record.identity, let before = old.record(identity),
              before.node.sameContent(as: record.node) else { return nil }
        return Key(rule: d.ruleID, place: Self.place(of: record), message: d.message)
    }

    public enum Message {
        public static func present(_ message: String, ref: String) -> String { "\(message) (present at \(ref))" }
    }
}
