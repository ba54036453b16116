import Foundation

/// The base protocol's framing: `Content-Length: N\r\n` (and optional other headers), a blank
/// line, then N bytes of JSON. Reads from a file descriptor, writes to another; a write is
/// one whole message (writers on several threads do not interleave).
public final class MessageFraming: @unchecked Sendable {
    private let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private let writeLock = NSLock()

    public init(input: FileHandle, output: FileHandle) {
        self.input = input
        self.output = output
    }

    /// What reading one frame gave.
    public enum Frame: Equatable {
        case message([UInt8])
        /// A header that could not be understood; the bytes up to the blank line were skipped.
        case badHeader(String)
        case endOfInput
    }

    /// The next frame (blocks until it has arrived).
    public func read() -> Frame {
        while true {
            if let end = headerEnd() {
                let header = String(decoding: buffer[start..<end], as: UTF8.self)
                let bodyStart = end + 4
                guard let length = Self.contentLength(header) else {
                    start = bodyStart
                    return .badHeader(header)
                }
                while buffer.count - bodyStart < length {
                    guard fill() else { return .endOfInput }
                }
                let body = Array(buffer[bodyStart..<bodyStart + length])
                start = bodyStart + length
                compact()
                return .message(body)
            }
            guard fill() else { return .endOfInput }
        }
    }

    /// Writes one message.
    public func write(_ message: JSONValue) {
        guard let body = try? JSONEncoder().encode(message) else { return }
        var frame = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.append(body)
        writeLock.lock()
        defer { writeLock.unlock() }
        try? output.write(contentsOf: frame)
    }

    static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" else { continue }
            guard let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0, n < 1 << 30 else { return nil }
            return n
        }
        return nil
    }

    private func headerEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    private func fill() -> Bool {
        let data = input.availableData
        if data.isEmpty { return false }
        buffer.append(contentsOf: data)
        return true
    }

    private func compact() {
        if start > 1 << 16 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
