import Foundation
import Synchronization

/// Work spread over every core: independent jobs, or a range of indexes cut into chunks. The
/// results come back in job (chunk) order, so nothing the engine reports depends on the
/// number of cores.
enum ChunkedWork {
    /// `0..<count` in chunks: one for small counts, else `perCore` per core (several by
    /// default, so that a core that finishes early takes another chunk instead of waiting for
    /// a slow one, as a core another program interrupts; one where each chunk repeats much
    /// setup).
    static func chunkRanges(_ count: Int, perCore: Int = 12) -> [Range<Int>] {
        let cores = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
        let chunks = count < 2_000 ? 1 : min(cores * perCore, count / 1_000)
        let size = (count + chunks - 1) / chunks
        return (0..<chunks).map { k in min(k * size, count)..<min((k + 1) * size, count) }
    }

    /// Runs `work` over `0..<count` in chunks (see `chunkRanges`); the chunks' results in order.
    static func inChunks<Result: Sendable>(_ count: Int, _ work: @escaping @Sendable (Range<Int>) -> Result) -> [Result] {
        concurrently(chunkRanges(count).map { range in { work(range) } })
    }

    /// Runs independent jobs on every core; their results in job order.
    static func concurrently<Result: Sendable>(_ jobs: [@Sendable () -> Result]) -> [Result] {
        guard jobs.count > 1 else { return jobs.map { $0() } }
        let results = JobResults<Result>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            results.store(jobs[k](), at: k)
        }
        return results.all
    }
}

/// One slot per job; each job writes only its own slot.
private final class JobResults<Result: Sendable>: Sendable {
    private let slots: Mutex<[Result?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ result: sending Result, at index: Int) {
        slots.withLock { $0[index] = result }
    }

    var all: [Result] { slots.withLock { $0.compactMap { $0 } } }
}
