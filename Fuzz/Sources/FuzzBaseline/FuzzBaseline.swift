import ConcordDiagnostics
import ConcordRules
import Foundation

/// Bytes → a baseline file (JSON) → filtering diagnostics, and a written baseline reads back
/// the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaseline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard case .success(let baseline) = Baseline.decode(Data(bytes: data, count: size)) else { return 0 }
    var diagnostics: [Diagnostic] = []
    for entry in baseline.entries.prefix(64) {
        var d = Diagnostic(ruleID: entry.ruleId, severity: .error, message: entry.message,
                           location: SourceLocation(file: entry.file))
        d.fingerprint = entry.fingerprint
        diagnostics.append(d)
    }
    if baseline.filter(diagnostics).count > diagnostics.count { fatalError("filtering added diagnostics") }
    guard case .success(let again) = Baseline.decode(baseline.encoded()), again.entries == baseline.entries else {
        fatalError("a baseline does not read back what it wrote")
    }
    return 0
}
