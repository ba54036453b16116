import ConcordReporters
import Foundation

/// Standard output or a file, as a reporter's stream: what the reporter writes is collected in
/// blocks of 64 KiB and written out block by block, so a large report is never held whole.
/// Call `close()` when done; it writes the last block and says whether everything was written.
final class StreamedOutput: ReportStream {
    private static let blockSize = 1 << 16
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var block: [UInt8] = []
    /// The first error of a write (`errno`), if any; later writes are dropped.
    private(set) var failure: Int32?

    /// Standard output.
    init() {
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
        block.reserveCapacity(Self.blockSize)
    }

    /// The file at `path`, created or truncated; nil when it cannot be opened (`errno` says why).
    init?(path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        descriptor = fd
        ownsDescriptor = true
        block.reserveCapacity(Self.blockSize)
    }

    func write(_ string: String) {
        block.append(contentsOf: string.utf8)
        if block.count >= Self.blockSize { flush() }
    }

    func append(_ text: String) { write(text) }

    func append(_ scalar: Unicode.Scalar) {
        block.append(contentsOf: String(scalar).utf8)
        if block.count >= Self.blockSize { flush() }
    }

    /// Writes the collected block (retrying short writes and interrupted calls).
    private func flush() {
        defer { block.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        block.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(descriptor, bytes.baseAddress.map { $0 + done }, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
    }

    /// Writes what is left and closes a file; the error of the first failed write, if any.
    func close() -> Int32? {
        flush()
        if ownsDescriptor, Foundation.close(descriptor) != 0, failure == nil { failure = errno }
        return failure
    }
}

extension Output {
    /// Lets `body` write to `path` (standard output when nil or `-`) through a `StreamedOutput`.
    static func stream(to path: String?, _ body: (inout StreamedOutput) -> Void) throws {
        var stream: StreamedOutput
        if let path, path != "-" {
            guard let file = StreamedOutput(path: path) else {
                throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            stream = file
        } else {
            stream = StreamedOutput()
        }
        body(&stream)
        if let failure = stream.close(), path != nil, path != "-" {
            throw UsageError("cannot write \(path ?? "-"): \(String(cString: strerror(failure)))")
        }
    }
}
