import ConcordDiagnostics
import Foundation

/// Finds the YAML files (`.yaml`, `.yml`) under the given paths, in a stable order, with walks
/// that cannot hang: each folder (by device and inode) is walked once, hidden entries (`.git`,
/// `.build`, …) are skipped, and nothing is opened but folders (a FIFO named `x.yaml` is listed
/// and then refused by the loader, which never opens it).
public enum YAMLFileFinder {
    public struct MissingPath: Error, Sendable {
        public var path: String
    }

    /// The files a walk found, and what it could not walk.
    public struct Found: Sendable {
        public var files: [String]
        /// `file-unreadable` for a folder that could not be listed, `folder-revisited` for a
        /// link back to a folder already walked.
        public var diagnostics: [Diagnostic]
    }

    /// Paths given directly are followed even when they are links; files given directly are
    /// kept whatever their extension; folders are searched recursively. Paths keep the form
    /// they were given in (`Datasets/` → `Datasets/coalitions/it.yaml`). A file reached twice
    /// (two names, or a link) is kept once.
    public static func find(_ paths: [String], fileSystem: any FileSystemAccess = PosixFileSystem())
        -> Result<Found, MissingPath>
    {
        var walk = Walk(fileSystem: fileSystem)
        for path in paths {
            guard case .success(let status) = fileSystem.status(of: path) else {
                return .failure(MissingPath(path: path))
            }
            guard status.kind == .directory else {
                walk.keep(path, status: status)
                continue
            }
            guard walk.enter(path, status: status, isRoot: true) else { continue }
            let start = walk.files.count
            walk.collect(directory: path, device: status.device)
            walk.files[start...].sort()
        }
        return .success(Found(files: walk.files, diagnostics: walk.diagnostics))
    }

    /// The files of `find`, without what the walk could not read (for callers that only list).
    public static func files(under paths: [String], fileSystem: any FileSystemAccess = PosixFileSystem())
        -> Result<[String], MissingPath>
    {
        find(paths, fileSystem: fileSystem).map(\.files)
    }

    public static func isYAML(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml")
    }

    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ status: FileStatus) {
            self.init(device: status.device, inode: status.inode)
        }
        init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }
    }

    /// One walk over all the given paths: what was found and what was already seen.
    private struct Walk {
        let fileSystem: any FileSystemAccess
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        /// Folders entered: their first path, and whether it was given on the command line.
        var folders: [Identity: (path: String, isRoot: Bool)] = [:]
        var seenFiles = Set<Identity>()
        var seenPaths = Set<String>()

        init(fileSystem: any FileSystemAccess) {
            self.fileSystem = fileSystem
        }

        /// Keeps a file unless it was already kept under another name.
        mutating func keep(_ path: String, status: FileStatus?) {
            keep(path, identity: status.flatMap { $0.kind == .regular ? Identity($0) : nil })
        }

        /// Keeps a file unless it was already kept: by identity for a regular file (nil: by path).
        mutating func keep(_ path: String, identity: Identity?) {
            if let identity {
                guard seenFiles.insert(identity).inserted else { return }
            } else {
                guard seenPaths.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted else { return }
            }
            files.append(path)
        }

        /// Marks a folder as walked; false when it was already. Reaching again a folder given on
        /// the command line through a real folder (`Datasets Datasets/pledges`) is silent;
        /// through a link, or a folder first met in a walk, it is a `folder-revisited` warning.
        mutating func enter(_ path: String, status: FileStatus, isRoot: Bool) -> Bool {
            let identity = Identity(status)
            guard let first = folders[identity] else {
                folders[identity] = (path, isRoot)
                return true
            }
            if !isRoot && (status.isLink || !first.isRoot) {
                diagnostics.append(LoaderRules.folderRevisited.diagnostic(
                    at: SourceLocation(file: path), message: LoaderRules.Message.folderRevisited(first: first.path)))
            }
            return false
        }

        /// Walks a folder on `device`. A regular file the listing names is kept without a
        /// `status` (its identity is the folder's device and the listed inode): in a folder of
        /// one file per record that saves a system call per file. Links, folders (whose identity
        /// must be their own) and entries the listing does not type get a `status`.
        mutating func collect(directory: String, device: UInt64) {
            let listing: [DirectoryEntry]
            switch fileSystem.entries(of: directory) {
            case .success(let entries): listing = entries
            case .failure(let error):
                diagnostics.append(LoaderRules.unreadable.diagnostic(
                    at: SourceLocation(file: directory), message: LoaderRules.Message.unreadableFolder(error.reason)))
                return
            }
            let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            func path(_ entry: DirectoryEntry) -> String { base == "." ? entry.name : base + "/" + entry.name }
            func needsStatus(_ entry: DirectoryEntry) -> Bool { entry.kind == nil || entry.kind == .directory }
            let entries = listing.filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
            // The statuses of the entries that need one, in entry order.
            var statuses = Self.statuses(of: entries.filter(needsStatus).map(path), fileSystem: fileSystem).makeIterator()
            for entry in entries {
                guard needsStatus(entry), let status = statuses.next() else {
                    // Typed by the listing: a regular file, or a FIFO, socket or device (kept by
                    // path when named as YAML; the loader refuses it without opening it).
                    guard isYAML(entry.name) else { continue }
                    keep(path(entry), identity: entry.kind == .regular ? Identity(device: device, inode: entry.inode) : nil)
                    continue
                }
                switch status {
                case .success(let status) where status.kind == .directory:
                    let full = path(entry)
                    if enter(full, status: status, isRoot: false) { collect(directory: full, device: status.device) }
                case .success(let status):
                    if isYAML(entry.name) { keep(path(entry), status: status) }
                case .failure:
                    // A broken link named `x.yaml`: the loader reports why it cannot be read.
                    if isYAML(entry.name) { keep(path(entry), status: nil) }
                }
            }
        }

        /// The status of each path, in order; a large folder's on every core (a status is a
        /// system call, and a folder of one file per record holds thousands).
        static func statuses(of paths: [String], fileSystem: any FileSystemAccess) -> [Result<FileStatus, FileSystemError>] {
            guard paths.count >= 512 else { return paths.map { fileSystem.status(of: $0) } }
            let parts = 16
            let size = (paths.count + parts - 1) / parts
            let results = StatusSlots(count: parts)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let range = min(k * size, paths.count)..<min((k + 1) * size, paths.count)
                results.store(range.map { fileSystem.status(of: paths[$0]) }, at: k)
            }
            return results.all
        }
    }
}

/// One slot per part of a parallel status run; each part writes only its own slot.
/// `@unchecked Sendable`: every access holds `lock`.
private final class StatusSlots: @unchecked Sendable {
    private var slots: [[Result<FileStatus, FileSystemError>]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ part: [Result<FileStatus, FileSystemError>], at index: Int) {
        lock.lock()
        slots[index] = part
        lock.unlock()
    }

    var all: [Result<FileStatus, FileSystemError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.flatMap { $0 }
    }
}
