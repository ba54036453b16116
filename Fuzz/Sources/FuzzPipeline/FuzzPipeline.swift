import ConcordYAML

/// Bytes → the loader three times: on one thread, through `PipelinedEvents` (libyaml on a thread
/// of its own), and in parts by two parsers (`ParallelEvents`, a seam at every line that looks
/// like an item). All must give the same documents and diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var pipelined = LoaderOptions()
    pipelined.pipelineMinimumBytes = 0
    let one = YAMLLoader().load(bytes: bytes, file: "fuzz.yaml")
    let two = YAMLLoader(options: pipelined).load(bytes: bytes, file: "fuzz.yaml")
    var inParts = LoaderOptions()
    inParts.parallelMinimumBytes = 0
    inParts.parallelPartBytes = 1
    let three = YAMLLoader(options: inParts).load(bytes: bytes, file: "fuzz.yaml")
    let render = { (r: LoadResult) in r.documents.map { JSONRenderer.render($0.root, positions: true) } }
    if render(one) != render(two) || one.diagnostics.map(\.message) != two.diagnostics.map(\.message) {
        fatalError("the pipelined loader disagrees with the single-threaded one")
    }
    if render(one) != render(three) || one.diagnostics != three.diagnostics {
        fatalError("loading in parts disagrees with loading in one piece")
    }
    return 0
}
