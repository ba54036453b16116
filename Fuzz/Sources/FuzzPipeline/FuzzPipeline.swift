import ConcordYAML

/// Bytes → the loader twice: on one thread and through `PipelinedEvents` (libyaml on a thread
/// of its own). Both must give the same documents and diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var pipelined = LoaderOptions()
    pipelined.pipelineMinimumBytes = 0
    let one = YAMLLoader().load(bytes: bytes, file: "fuzz.yaml")
    let two = YAMLLoader(options: pipelined).load(bytes: bytes, file: "fuzz.yaml")
    let render = { (r: LoadResult) in r.documents.map { JSONRenderer.render($0.root, positions: true) } }
    if render(one) != render(two) || one.diagnostics.map(\.message) != two.diagnostics.map(\.message) {
        fatalError("the pipelined loader disagrees with the single-threaded one")
    }
    return 0
}
