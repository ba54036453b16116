import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path: its kind and its identity (device and inode).
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case regular, directory, fifo, socket, characterDevice, blockDevice, other

        /// How a diagnostic names a kind that is not a regular file.
        public var description: String {
            switch self {
            case .regular: return "a regular file"
            case .directory: return "a folder"
            case .fifo: return "a named pipe (FIFO)"
            case .socket: return "a socket"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .other: return "not a regular file"
            }
        }
    }

    public var kind: Kind
    public var device: UInt64
    public var inode: UInt64
    /// The path itself is a symbolic link (kind, device and inode are those of its target).
    public var isLink: Bool
    /// The size in bytes (of the target, for a link); 0 where the system gives none.
    public var size: Int

    public init(kind: Kind, device: UInt64, inode: UInt64, isLink: Bool = false, size: Int = 0) {
        self.kind = kind
        self.device = device
        self.inode = inode
        self.isLink = isLink
        self.size = size
    }
}

/// One name in a folder, with what the listing itself says of it (no `stat`).
public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    /// The entry's kind as the listing gives it (`d_type`); nil for a symbolic link (its target
    /// needs a `status`) and where the file system does not say.
    public var kind: FileStatus.Kind?
    /// The entry's inode number as the listing gives it (`d_ino`).
    public var inode: UInt64

    public init(name: String, kind: FileStatus.Kind? = nil, inode: UInt64 = 0) {
        self.name = name
        self.kind = kind
        self.inode = inode
    }
}

/// Why a file-system call failed, in the system's words (`strerror`).
public struct FileSystemError: Error, Sendable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The few file-system calls the loader makes: finding files and reading them. The real one is
/// `PosixFileSystem`; tests give another to produce failures that the real file system will not
/// produce for them (tests run as root, which reads files whatever their permission bits).
public protocol FileSystemAccess: Sendable {
    /// `stat`, following links (`isLink` tells whether `path` itself is one).
    func status(of path: String) -> Result<FileStatus, FileSystemError>
    /// The entries of a folder, without `.` and `..`, in no particular order.
    func entries(of directory: String) -> Result<[DirectoryEntry], FileSystemError>
    /// The bytes of a regular file. Anything else (a FIFO, a socket, a device) is refused
    /// without being opened for reading, so reading can never block.
    func contents(of path: String) -> Result<[UInt8], FileSystemError>
}

/// The file system, through POSIX calls.
public struct PosixFileSystem: FileSystemAccess {
    public init() {}

    public func status(of path: String) -> Result<FileStatus, FileSystemError> {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .failure(Self.lastError()) }
        guard (link.st_mode & S_IFMT) == S_IFLNK else {
            return .success(Self.status(link, isLink: false))
        }
        var target = stat()
        guard stat(path, &target) == 0 else { return .failure(Self.lastError()) }
        return .success(Self.status(target, isLink: true))
    }

    public func entries(of directory: String) -> Result<[DirectoryEntry], FileSystemError> {
        guard let handle = opendir(directory) else { return .failure(Self.lastError()) }
        defer { closedir(handle) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 { return .failure(Self.lastError()) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != "." && name != ".." else { continue }
            entries.append(DirectoryEntry(name: name, kind: Self.kind(listed: entry.pointee.d_type),
                                          inode: UInt64(entry.pointee.d_ino)))
        }
        return .success(entries)
    }

    public func contents(of path: String) -> Result<[UInt8], FileSystemError> {
        // Refuse what is not a regular file before opening it (opening a FIFO for reading
        // blocks until a writer comes); O_NONBLOCK covers a file swapped in between (a FIFO
        // then reads as empty, a folder fails to read). Four system calls in all: `stat`,
        // `open`, `read`, `close` (what matters in a folder of one small file per record).
        let size: Int
        switch status(of: path) {
        case .failure(let error): return .failure(error)
        case .success(let info) where info.kind != .regular: return .failure(Self.notRegular(info.kind))
        case .success(let info): size = info.size
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Self.lastError()) }
        defer { close(fd) }
        if size >= Self.partedReadMinimumBytes, let whole = Self.readInParts(fd, size: size) {
            return .success(whole)
        }
        // Read straight into the array (no zero-filled buffer, no copy): the size `stat` gave,
        // then more if the file grew meanwhile.
        var bytes: [UInt8] = []
        var capacity = size + 1
        while true {
            var failure: FileSystemError?
            var atEnd = false
            let old = bytes.count
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                guard let base = buffer.baseAddress else { return }
                bytes.withUnsafeBufferPointer { done in
                    if let from = done.baseAddress { base.initialize(from: from, count: done.count) }
                }
                count = old
                Self.preferLargePages(base + old, capacity - old)
                while count < capacity {
                    let n = read(fd, base + count, capacity - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = Self.lastError()
                        return
                    }
                    if n == 0 {
                        atEnd = true
                        return
                    }
                    count += n
                    // The size `stat` gave is read: done, without a call that reads nothing
                    // (a file that grows meanwhile is read as it was; a size of 0, as for
                    // files the kernel makes up, reads on to the end).
                    if size > 0, count == size {
                        atEnd = true
                        return
                    }
                }
            }
            if let failure { return .failure(failure) }
            bytes = grown
            if atEnd { break }
            capacity *= 2
        }
        return .success(bytes)
    }

    /// From this size on, a file is read in parts on every core (`readInParts`).
    static let partedReadMinimumBytes = 8 << 20

    /// Reads the `size` bytes of a large file with one `pread` per part, the parts on every
    /// core: most of the cost of reading a file from the page cache is the kernel zeroing the
    /// fresh pages it is read into, and each core then zeroes its own part's. Nil when a part
    /// reads short or fails (the file changed, or cannot be read at an offset): the caller then
    /// reads it from the start, in one piece.
    private static func readInParts(_ fd: Int32, size: Int) -> [UInt8]? {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let short = UnsafeMutableBufferPointer<Bool>.allocate(capacity: parts)
        short.initialize(repeating: false)
        defer { short.deallocate() }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            preferLargePages(base, size)
            let address = UInt(bitPattern: base), flags = UInt(bitPattern: short.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                guard let start = UnsafeMutablePointer<UInt8>(bitPattern: address),
                      let shortFlags = UnsafeMutablePointer<Bool>(bitPattern: flags) else { return }
                var at = size / parts * k
                let end = k == parts - 1 ? size : size / parts * (k + 1)
                while at < end {
                    let n = pread(fd, start + at, end - at, off_t(at))
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else {
                        shortFlags[k] = true
                        return
                    }
                    at += n
                }
            }
            count = short.contains(true) ? 0 : size
        }
        return bytes.count == size ? bytes : nil
    }

    /// Asks the kernel to back a large buffer about to be filled with large pages (where it
    /// offers them on request): a 50 MB file then costs a few dozen page faults instead of
    /// thousands. Only a hint; nothing changes where it is refused.
    private static func preferLargePages(_ start: UnsafeMutablePointer<UInt8>, _ count: Int) {
        #if os(Linux)
        let page = 2 << 20
        guard count >= 4 * page else { return }
        let first = (Int(bitPattern: start) + page - 1) / page * page
        let end = (Int(bitPattern: start) + count) / page * page
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }

    static func notRegular(_ kind: FileStatus.Kind) -> FileSystemError {
        FileSystemError(reason: LoaderRules.Message.notRegularFile(kind.description))
    }

    private static func lastError() -> FileSystemError {
        FileSystemError(reason: String(cString: strerror(errno)))
    }

    private static func kind(_ mode: mode_t) -> FileStatus.Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        default: return .other
        }
    }

    /// A listing's `d_type`, read as the mode it stands for (`DTTOIF`: the type shifted into
    /// the mode's file-type bits); nil for a link and for "unknown".
    private static func kind(listed type: UInt8) -> FileStatus.Kind? {
        guard Int(type) != Int(DT_UNKNOWN), Int(type) != Int(DT_LNK) else { return nil }
        return kind(mode_t(type) << 12)
    }

    private static func status(_ info: stat, isLink: Bool) -> FileStatus {
        FileStatus(kind: kind(info.st_mode), device: UInt64(info.st_dev), inode: UInt64(info.st_ino), isLink: isLink,
                   size: max(Int(info.st_size), 0))
    }
}
