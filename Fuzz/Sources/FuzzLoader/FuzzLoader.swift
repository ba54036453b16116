import ConcordYAML

/// Bytes → the positioned loader (on the calling thread) → every document rendered as JSON with
/// positions, so that every node, range and scalar is read back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = YAMLLoader().load(bytes: bytes, file: "fuzz.yaml")
    for document in result.documents {
        _ = JSONRenderer.render(document.root, positions: true)
    }
    for d in result.diagnostics where d.ruleID.isEmpty || d.message.isEmpty {
        fatalError("a loader diagnostic without a rule id or message")
    }
    return 0
}
