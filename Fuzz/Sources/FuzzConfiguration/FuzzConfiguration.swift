import ConcordDiagnostics
import ConcordRules

/// Bytes → `.concord.yaml` → severity overrides (rule ids and path globs) applied to a few
/// diagnostics in nested folders.
let sample: [Diagnostic] = ["Datasets/pledges/nl.yaml", "Datasets/a/b/c/deep.yml", "other.yaml", "x"].map { file in
    Diagnostic(ruleID: "pledge-amount-positive", severity: .error, message: "m", location: SourceLocation(file: file))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (configuration, _) = Configuration.load("/project/.concord.yaml", text: text)
    _ = configuration.applySeverities(sample) { "/project/" + $0 }
    return 0
}
