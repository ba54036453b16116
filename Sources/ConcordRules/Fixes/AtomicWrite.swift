import ConcordYAML
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents atomically: writes a temporary file beside it with the same
/// permissions, then renames it over the file. The file is left alone when its bytes are no
/// longer those it was read with.
enum AtomicWrite {
    struct Problem: Error {
        var reason: String
    }

    static func replace(_ path: String, expecting before: [UInt8], with after: [UInt8]) -> Result<Void, Problem> {
        guard case .success(let current) = PosixFileSystem().contents(of: path), current == before else {
            return .failure(Problem(reason: FixSession.Message.changedOnDisk))
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(Problem(reason: String(cString: strerror(errno)))) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).concord-fix-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, info.st_mode & 0o7777)
        guard fd >= 0 else { return .failure(Problem(reason: String(cString: strerror(errno)))) }
        var failure: String? = nil
        after.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count, let base = raw.baseAddress {
                let n = write(fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += n
            }
        }
        if failure == nil, fchmod(fd, info.st_mode & 0o7777) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            return .failure(Problem(reason: failure))
        }
        return .success(())
    }
}
