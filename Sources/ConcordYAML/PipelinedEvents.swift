import Dispatch
import Foundation

/// Where a `TreeBuilder` takes its events from: a libyaml parser directly, or one that runs on
/// another thread (`PipelinedEvents`).
protocol EventSource: AnyObject {
    /// Replaces `batch` with the next events of the stream. Not called again after a batch
    /// that `isLast`.
    func next(into batch: inout EventBatch)
}

extension LibYAMLParser: EventSource {
    /// Events per batch when the parser runs on the builder's thread.
    static let directBatchSize = 256

    func next(into batch: inout EventBatch) {
        batch.events.removeAll(keepingCapacity: true)
        batch.texts.removeAll(keepingCapacity: true)
        // A whole batch's room at once (a small file's events would otherwise grow the arrays
        // by doubling, a reallocation each time).
        batch.events.reserveCapacity(Self.directBatchSize)
        batch.texts.reserveCapacity(Self.directBatchSize * 8)
        batch.failure = nil
        fill(&batch, limit: Self.directBatchSize)
    }
}

/// Runs a libyaml parser on another thread and hands its events over in batches, so that
/// libyaml scans and parses the file while the tree builder builds the nodes of what it has
/// already parsed: on a large file the two halves of loading run on two cores.
///
/// The parser must not be used by anyone else. `finish()` must be called before the parser's
/// input buffer goes away: it stops the other thread, if still running, and waits for it.
final class PipelinedEvents: EventSource {
    /// Events per batch, and batches in flight (bounds the memory of events not yet built).
    static let batchSize = 4096
    static let batchesInFlight = 8

    private let channel = BatchChannel(capacity: PipelinedEvents.batchesInFlight)
    private let producerDone = DispatchSemaphore(value: 0)
    private var finished = false

    init(_ parser: LibYAMLParser) {
        let channel = self.channel
        let done = producerDone
        let box = ParserBox(parser)
        // A thread of its own (not a shared queue's worker): the caller blocks on it, so it must
        // run even when every worker of a queue is busy.
        let thread = Thread {
            Self.produce(box.parser, into: channel)
            done.signal()
        }
        thread.start()
    }

    deinit { finish() }

    private static func produce(_ parser: LibYAMLParser, into channel: BatchChannel) {
        while true {
            var batch = EventBatch()
            batch.events.reserveCapacity(batchSize)
            batch.texts.reserveCapacity(batchSize * 16)
            parser.fill(&batch, limit: batchSize)
            guard channel.put(batch), !batch.isLast else { return }
        }
    }

    func next(into batch: inout EventBatch) {
        batch = channel.take()
    }

    /// Stops the parsing thread (if it still runs) and waits for it to end.
    func finish() {
        guard !finished else { return }
        finished = true
        channel.cancel()
        producerDone.wait()
    }
}

/// Hands the parser to the parsing thread (it is used there only).
/// `@unchecked Sendable`: immutable; the parser it carries is handed over, not shared.
private struct ParserBox: @unchecked Sendable {
    let parser: LibYAMLParser
    init(_ parser: LibYAMLParser) { self.parser = parser }
}

/// A bounded first-in first-out queue of batches between one producer and one consumer.
/// `@unchecked Sendable`: the one mutable type that threads share; every access to its state
/// holds `lock` (the other semaphores only count batches and free places).
private final class BatchChannel: @unchecked Sendable {
    private var batches: [EventBatch?] = []
    private var head = 0
    private var cancelled = false
    private let lock = DispatchSemaphore(value: 1)
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) { free = DispatchSemaphore(value: capacity) }

    /// Appends a batch, waiting for room; false once the consumer cancelled.
    func put(_ batch: EventBatch) -> Bool {
        free.wait()
        lock.wait()
        defer { lock.signal() }
        if cancelled { return false }
        batches.append(batch)
        filled.signal()
        return true
    }

    /// The oldest batch, waiting for one.
    func take() -> EventBatch {
        filled.wait()
        lock.wait()
        defer { lock.signal() }
        // `filled` counts the batches put, so there is one; the fallback only keeps this total.
        let batch = batches[head] ?? EventBatch(failure: ParseFailure(problem: "the parsing thread stopped"))
        head += 1
        if head == batches.count {
            batches.removeAll(keepingCapacity: true)
            head = 0
        }
        free.signal()
        return batch
    }

    /// Tells the producer to stop (waking it if it waits for room).
    func cancel() {
        lock.wait()
        cancelled = true
        lock.signal()
        free.signal()
    }
}
