import Foundation

/// Parses a large file with two libyaml parsers at once, on two cores, and hands the tree builder
/// one stream of events, exactly the stream one parser would give.
///
/// The file is cut into parts at the seams of a `SplitPlan`. Part 0 is parsed from the start;
/// every later part by a parser that reads the plan's prefix and then the file from the part's
/// seam on, and whose events begin with the first node that starts at the seam or after it. The
/// parser of part k goes on past its end until it produces that same first node of part k + 1:
/// when it is then in the very state that part k + 1's parser was in after that node (same
/// event, same `SeamState`), part k + 1's events are the ones it would have produced itself,
/// and it stops. When it is not (the seam was inside a block scalar, a quoted text, a flow
/// collection, or opened another sequence), part k + 1 is dropped and part k's parser goes on to
/// the seam of part k + 2, and so on.
///
/// Two threads share the work: one parses the part whose events the builder reads (the chain),
/// the other the part whose seam that parser heads for, so that at most about one part's events
/// wait in memory. After `failingSeamsTried` seams in a row that do not hold, the parser stops
/// trying and parses the rest alone. `finish()` must be called before the text goes away.
final class ParallelEvents: EventSource {
    static let batchSize = 4096

    private let shared: Shared
    private var finished = false

    init(body: UnsafeBufferPointer<UInt8>, plan: SplitPlan) {
        let shared = Shared(body: body, plan: plan)
        self.shared = shared
        for first in [0, nil] {
            // Threads of their own (not a shared queue's workers): the builder waits on them.
            let thread = Thread { shared.work(firstPart: first) }
            thread.start()
        }
    }

    deinit { finish() }

    /// How many parts the builder read (the last one read to the stream's end).
    var partsRead: Int { shared.partsRead }

    func next(into batch: inout EventBatch) {
        batch = shared.take()
    }

    /// Stops both threads and waits for them to end.
    func finish() {
        guard !finished else { return }
        finished = true
        shared.cancel()
    }
}

/// The state both parsing threads and the builder share.
/// `@unchecked Sendable`: every mutable field is read and written holding `condition`; the text
/// is only read, and outlives the threads (`ParallelEvents.finish()` waits for them).
private final class Shared: @unchecked Sendable {
    /// How a part's parser arrived at its seam (nil: it found no node after it).
    typealias Arrival = (event: SeamEvent, state: SeamState)?

    /// Seams that fail in a row before a parser stops trying them and parses the rest alone.
    static let failingSeamsTried = 4

    let body: UnsafeBufferPointer<UInt8>
    let plan: SplitPlan
    let partCount: Int

    private let condition = NSCondition()
    /// Per part: its batches (taken ones set to nil) and how many the builder took.
    private var queues: [[EventBatch?]]
    private var taken: [Int]
    /// Per part: the part whose events follow its own, once its parser arrived there.
    private var next: [Int?]
    /// Per part: the seam its parser is heading for (the start of part `target[p]`).
    private var target: [Int]
    private var started: [Bool]
    /// Per part: dropped, because a parser before it did not arrive in its state.
    private var skipped: [Bool]
    /// Per part: its parser reached the stream's end or failed.
    private var ended: [Bool]
    /// Per part after the first: where its parser started (published once).
    private var arrivals: [Arrival?]
    /// The part whose events the builder reads now or next, and whose parser therefore matters.
    private var chainPart = 0
    private var builderPart = 0
    private var cancelled = false
    private var runningThreads = 2

    init(body: UnsafeBufferPointer<UInt8>, plan: SplitPlan) {
        self.body = body
        self.plan = plan
        partCount = plan.seams.count + 1
        queues = Array(repeating: [], count: partCount)
        taken = Array(repeating: 0, count: partCount)
        next = Array(repeating: nil, count: partCount)
        target = (0..<partCount).map { $0 + 1 }
        started = Array(repeating: false, count: partCount)
        started[0] = true
        skipped = Array(repeating: false, count: partCount)
        ended = Array(repeating: false, count: partCount)
        arrivals = Array(repeating: nil, count: partCount)
    }

    var partsRead: Int {
        condition.lock()
        defer { condition.unlock() }
        var parts = 1, part = 0
        while part < builderPart, let following = next[part] {
            parts += 1
            part = following
        }
        return parts
    }

    // MARK: The builder's side

    /// The next batch of the stream, waiting for it.
    func take() -> EventBatch {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let part = builderPart
            if taken[part] < queues[part].count {
                let batch = queues[part][taken[part]] ?? EventBatch()
                queues[part][taken[part]] = nil
                taken[part] += 1
                if batch.events.isEmpty && batch.failure == nil { continue }
                return batch
            }
            if let following = next[part] {
                builderPart = following
                continue
            }
            if cancelled {
                return EventBatch(failure: ParseFailure(problem: "the parsing threads stopped"))
            }
            condition.wait()
        }
    }

    /// Stops the threads and waits for them.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while runningThreads > 0 { condition.wait() }
        condition.unlock()
    }

    // MARK: The parsing threads' side

    /// Parses `firstPart` (if any), then the parts the chain needs next, until the stream ends.
    func work(firstPart: Int?) {
        if let firstPart { parse(firstPart) }
        while let part = claim() { parse(part) }
        condition.lock()
        runningThreads -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next part to parse: the one whose seam the chain's parser heads for, once nobody
    /// parses it; nil when the stream has ended or loading stopped.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled || ended[chainPart] { return nil }
            let wanted = target[chainPart]
            if wanted < partCount && !started[wanted] {
                started[wanted] = true
                return wanted
            }
            condition.wait()
        }
    }

    private func isDropped(_ part: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled || skipped[part]
    }

    private func parse(_ part: Int) {
        let parser: LibYAMLParser?
        if part == 0 {
            parser = LibYAMLParser(input: body)
        } else {
            let seam = plan.seams[part - 1]
            parser = LibYAMLParser(
                prefix: UnsafeBufferPointer(rebasing: body[0..<plan.prefixEnd]),
                rest: UnsafeBufferPointer(rebasing: body[seam...]),
                map: CharacterMap(prefixCharacters: plan.prefixCharacters,
                                  shift: plan.seamCharacters[part - 1] - plan.prefixCharacters))
        }
        guard let parser else {
            if part == 0 {
                end(part, with: EventBatch(failure: ParseFailure(problem: "libyaml could not start")))
            } else {
                publish(nil, part: part)
            }
            return
        }
        var batch = EventBatch()
        batch.events.reserveCapacity(ParallelEvents.batchSize)
        if part > 0 {
            // The prefix's events (and the ends of its last item) are not this part's.
            let from = plan.seamCharacters[part - 1]
            while true {
                batch.texts.removeAll(keepingCapacity: true)
                guard let event = parser.nextEvent(texts: &batch.texts), event.kind != .streamEnd else {
                    publish(nil, part: part)
                    return
                }
                if event.startsNode && event.start.index >= from {
                    publish((SeamEvent(event, texts: batch.texts), parser.seamState()), part: part)
                    batch.events.append(event)
                    break
                }
            }
        }
        var heading = part + 1
        var failedSeams = 0
        while true {
            if batch.events.count >= ParallelEvents.batchSize {
                put(batch, part: part)
                if isDropped(part) { return }
                batch = EventBatch()
                batch.events.reserveCapacity(ParallelEvents.batchSize)
            }
            let textsBefore = batch.texts.count
            guard let event = parser.nextEvent(texts: &batch.texts) else {
                batch.failure = parser.currentFailure()
                end(part, with: batch)
                return
            }
            // The first node at or after the seam it heads for (an event may pass several).
            while heading < partCount && event.startsNode && event.start.index >= plan.seamCharacters[heading - 1] {
                let mine = SeamEvent(event, texts: batch.texts)
                guard let theirs = arrival(of: heading, waitingAs: part) else { return }
                if let theirs, theirs.event == mine, theirs.state == parser.seamState() {
                    batch.texts.removeSubrange(textsBefore...)
                    handOver(batch, part: part, to: heading)
                    return
                }
                // The seam does not hold: this parser goes on to the next one.
                failedSeams += 1
                heading = failedSeams >= Self.failingSeamsTried ? partCount : heading + 1
                skip(upTo: heading, headingFrom: part)
            }
            batch.events.append(event)
            if event.kind == .streamEnd {
                end(part, with: batch)
                return
            }
        }
    }

    private func put(_ batch: EventBatch, part: Int) {
        condition.lock()
        queues[part].append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The last batch of a part whose parser reached the stream's end or failed.
    private func end(_ part: Int, with batch: EventBatch) {
        condition.lock()
        queues[part].append(batch)
        ended[part] = true
        condition.broadcast()
        condition.unlock()
    }

    /// The last batch of a part whose parser arrived at part `following`'s seam in its state.
    private func handOver(_ batch: EventBatch, part: Int, to following: Int) {
        condition.lock()
        queues[part].append(batch)
        next[part] = following
        if chainPart == part { chainPart = following }
        condition.broadcast()
        condition.unlock()
    }

    private func publish(_ arrival: Arrival, part: Int) {
        condition.lock()
        arrivals[part] = .some(arrival)
        condition.broadcast()
        condition.unlock()
    }

    /// Where part `part`'s parser started, waiting for it; nil when `waiting`'s own part was
    /// dropped or loading stopped.
    private func arrival(of part: Int, waitingAs waiting: Int) -> Arrival? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && !skipped[waiting] && arrivals[part] == nil { condition.wait() }
        return cancelled || skipped[waiting] ? nil : arrivals[part]
    }

    /// Drops the parts before `heading` that `part`'s parser passed, and heads it for `heading`.
    private func skip(upTo heading: Int, headingFrom part: Int) {
        condition.lock()
        for p in (part + 1)..<heading { skipped[p] = true }
        target[part] = heading
        condition.broadcast()
        condition.unlock()
    }
}

/// An event with its texts, to compare the events two parsers produced at a seam.
struct SeamEvent: Equatable {
    var kind: ParseEvent.Kind
    var style: ScalarStyle
    var flag: Bool
    var start: Int
    var end: Int
    var text: [UInt8]
    var anchor: [UInt8]?
    var tag: [UInt8]?

    init(_ event: ParseEvent, texts: [UInt8]) {
        kind = event.kind
        style = event.style
        flag = event.flag
        start = event.start.index
        end = event.end.index
        (text, anchor, tag) = texts.withUnsafeBufferPointer { all in
            let bytes = { (span: TextSpan) in Array(span.bytes(in: all)) }
            return (bytes(event.text), event.anchor.map(bytes), event.tag.map(bytes))
        }
    }
}

extension ParseEvent {
    /// Whether the event begins a node (where a part's events may begin).
    var startsNode: Bool {
        switch kind {
        case .scalar, .alias, .sequenceStart, .mappingStart: return true
        default: return false
        }
    }
}
