import ConcordYAML
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Folder walks that cannot hang: each test builds its tree in a temporary folder.
final class FolderWalkTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-walk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ path: String, _ text: String = "a: 1\n") throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: target)
    }

    private func find(_ paths: [String], fileSystem: any FileSystemAccess = PosixFileSystem()) throws -> YAMLFileFinder.Found {
        try YAMLFileFinder.find(paths, fileSystem: fileSystem).get()
    }

    /// Loads a file on another thread, so that a read that blocks fails the test instead of hanging it.
    private func loadWithin(seconds: Double, _ path: String) -> LoadResult? {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Thread {
            box.result = YAMLLoader().load(path: path)
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .timedOut ? nil : box.result
    }

    private final class ResultBox: @unchecked Sendable { var result: LoadResult? }

    func testALargeFolderIsWalkedInOrderWithItsLinksAndFoldersAsASmallOne() throws {
        // Past 512 entries the statuses are taken on every core: the result is the same.
        for i in 0..<600 { try write(String(format: "big/p%04d.yaml", i), "id: \(i)\n") }
        try write("big/sub/inner.yml")
        try write("big/.hidden/skipped.yaml")
        try write("big/notes.txt")
        try link("big/zz-alias.yaml", to: root + "/big/p0001.yaml")
        try link("big/zz-broken.yaml", to: root + "/big/missing.yaml")
        let found = try find([root + "/big"])
        let expected = (0..<600).map { root + String(format: "/big/p%04d.yaml", $0) }
            + [root + "/big/sub/inner.yml", root + "/big/zz-broken.yaml"]
        XCTAssertEqual(found.files, expected.sorted())
        XCTAssertEqual(found.diagnostics.map(\.ruleID), [])
        // A file read whole: its size from `stat`, then no more.
        let text = String(repeating: "k: v\n", count: 50_000)
        try write("whole.yaml", text)
        guard case .success(let bytes) = PosixFileSystem().contents(of: root + "/whole.yaml") else { return XCTFail("reads") }
        XCTAssertEqual(bytes, Array(text.utf8))
    }

    func testALargeFileIsReadInPartsAsItIsWhole() throws {
        // From 8 MB on, a file is read in parts on every core: the bytes are the file's, in
        // order, whatever the number of parts (here 9 MB and a byte, no part boundary aligned).
        var text = ""
        var line = 0
        while text.utf8.count < 9 << 20 {
            text += "- {id: p\(line), amount: \(line * 7 % 1000)}\n"
            line += 1
        }
        text += "x"
        try write("large.yaml", text)
        guard case .success(let bytes) = PosixFileSystem().contents(of: root + "/large.yaml") else { return XCTFail("reads") }
        XCTAssertEqual(bytes.count, text.utf8.count)
        XCTAssertTrue(bytes.elementsEqual(text.utf8))
    }

    func testAHardLinkIsReadOnceWhetherOrNotTheListingTypesItsEntries() throws {
        // A regular file the listing types is kept by the folder's device and the listed inode,
        // without a `stat`; where the listing does not type entries, each gets a `stat`. The
        // walk is the same: two names of one file (a hard link) are read once.
        try write("a/x.yaml")
        try write("a/y.yml")
        try write("a/notes.txt")
        try write("a/sub/z.yaml")
        XCTAssertEqual(Glibc.link(root + "/a/x.yaml", root + "/a/hard.yaml"), 0)
        try link("a/soft.yaml", to: root + "/a/y.yml")
        XCTAssertEqual(mkfifo(root + "/a/pipe.yaml", 0o644), 0)
        // `hard.yaml` comes before `x.yaml` and the link `soft.yaml` before `y.yml`: each file
        // is kept under its first name in path order.
        let expected = [root + "/a/hard.yaml", root + "/a/pipe.yaml", root + "/a/soft.yaml", root + "/a/sub/z.yaml"]
        let typed = try find([root + "/a"])
        XCTAssertEqual(typed.files, expected)
        let untyped = try find([root + "/a"], fileSystem: UntypedListing())
        XCTAssertEqual(untyped.files, expected)
        XCTAssertEqual(typed.diagnostics, [])
        XCTAssertEqual(untyped.diagnostics, [])
    }

    func testALinkLoopIsWalkedOnceWithAWarning() throws {
        try write("a.yaml")
        try write("sub/b.yml")
        try link("self", to: ".")
        try link("sub/up", to: "..")
        let found = try find([root])
        XCTAssertEqual(found.files, [root + "/a.yaml", root + "/sub/b.yml"])
        XCTAssertEqual(found.diagnostics.map(\.ruleID), ["folder-revisited", "folder-revisited"])
        XCTAssertEqual(found.diagnostics.map(\.location.file), [root + "/self", root + "/sub/up"])
        XCTAssertEqual(found.diagnostics.first?.message,
                       "this folder is \(root), already walked (a link loop or a second link to it); it is walked once")
        XCTAssertEqual(found.diagnostics.first?.severity, .warning)
        XCTAssertNil(found.diagnostics.first?.location.range)
    }

    func testTwoLinksToOneFolderReadItsFilesOnce() throws {
        try write("shared/x.yaml")
        try link("one", to: "shared")
        try link("two.yaml", to: "shared/x.yaml")
        let found = try find([root])
        XCTAssertEqual(found.files, [root + "/one/x.yaml"], "the folder and the file are each read once")
        XCTAssertEqual(found.diagnostics.map { $0.location.file }, [root + "/shared"])
        XCTAssertEqual(found.diagnostics.first?.message,
                       "this folder is \(root)/one, already walked (a link loop or a second link to it); it is walked once")
    }

    func testOverlappingPathsOnTheCommandLineAreSilent() throws {
        try write("data/p/x.yaml")
        let found = try find([root + "/data/p", root + "/data"])
        XCTAssertEqual(found.files, [root + "/data/p/x.yaml"])
        XCTAssertEqual(found.diagnostics, [])
    }

    func testAFIFOIsListedButNeverOpened() throws {
        try write("good.yaml")
        XCTAssertEqual(mkfifo(root + "/pipe.yaml", 0o644), 0)
        let found = try find([root])
        XCTAssertEqual(found.files, [root + "/good.yaml", root + "/pipe.yaml"])
        let result = try XCTUnwrap(loadWithin(seconds: 10, root + "/pipe.yaml"), "reading a FIFO blocked")
        XCTAssertFalse(result.succeeded)
        XCTAssertEqual(result.diagnostics.map(\.ruleID), ["file-unreadable"])
        XCTAssertEqual(result.diagnostics.first?.message,
                       "cannot read the file: it is not a regular file but a named pipe (FIFO); Concord does not open it")
        XCTAssertEqual(result.diagnostics.first?.location.file, root + "/pipe.yaml")
        XCTAssertNil(result.diagnostics.first?.location.range)
    }

    func testASocketAndADeviceAreRefused() throws {
        let path = root + "/socket.yaml"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0, "binding a socket in \(root)")
        XCTAssertEqual(try find([root]).files, [path])
        XCTAssertEqual(loadWithin(seconds: 10, path)?.diagnostics.first?.message,
                       "cannot read the file: it is not a regular file but a socket; Concord does not open it")
        // A device given on the command line is followed, then refused by the loader.
        XCTAssertEqual(try find(["/dev/null"]).files, ["/dev/null"])
        XCTAssertEqual(loadWithin(seconds: 10, "/dev/zero")?.diagnostics.first?.message,
                       "cannot read the file: it is not a regular file but a character device; Concord does not open it")
    }

    func testABrokenLinkIsOneDiagnosticAndTheOthersGoOn() throws {
        try write("a.yaml")
        try write("c.yaml")
        try link("b.yaml", to: "nowhere.yaml")
        try link("loop1.yaml", to: "loop2.yaml")
        try link("loop2.yaml", to: "loop1.yaml")
        let found = try find([root])
        XCTAssertEqual(found.files.map { ($0 as NSString).lastPathComponent }, ["a.yaml", "b.yaml", "c.yaml", "loop1.yaml", "loop2.yaml"])
        let messages = found.files.map { YAMLLoader().load(path: $0).diagnostics.first?.message }
        XCTAssertEqual(messages, [nil, "cannot read the file: No such file or directory", nil,
                                  "cannot read the file: Too many levels of symbolic links",
                                  "cannot read the file: Too many levels of symbolic links"])
    }

    /// Root reads whatever the permission bits say (and these tests run as root), so an
    /// unreadable folder and file come from a file system that refuses them: the real one
    /// with two paths made to fail.
    func testAnUnreadableFolderIsOneDiagnosticAndTheOthersGoOn() throws {
        try write("a.yaml")
        try write("locked/b.yaml")
        try write("z/c.yaml")
        let fileSystem = RefusingFileSystem(folders: [root + "/locked"], files: [])
        let found = try find([root], fileSystem: fileSystem)
        XCTAssertEqual(found.files, [root + "/a.yaml", root + "/z/c.yaml"])
        XCTAssertEqual(found.diagnostics.map(\.ruleID), ["file-unreadable"])
        XCTAssertEqual(found.diagnostics.first?.message, "cannot read the folder: Permission denied")
        XCTAssertEqual(found.diagnostics.first?.location.file, root + "/locked")
        XCTAssertEqual(found.diagnostics.first?.severity, .error)
    }

    func testAnUnreadableFileIsOneDiagnostic() throws {
        try write("a.yaml")
        let refusing = RefusingFileSystem(folders: [], files: [root + "/a.yaml"])
        let result = YAMLLoader().load(path: root + "/a.yaml", fileSystem: refusing)
        XCTAssertEqual(result.diagnostics.map(\.message), ["cannot read the file: Permission denied"])
        XCTAssertTrue(YAMLLoader().load(path: root + "/a.yaml").succeeded)
    }

    func testHiddenFoldersAndFilesAreNotWalkedUnlessNamed() throws {
        try write("data.yml")
        try write("data.yaml")
        try write("notes.txt")
        try write(".git/config.yaml", "[broken")
        try write(".github/workflows/ci.yml")
        try write(".hidden.yaml")
        try write("sub/.cache/x.yaml")
        let found = try find([root])
        XCTAssertEqual(found.files, [root + "/data.yaml", root + "/data.yml"])
        XCTAssertEqual(try find([root + "/.github"]).files, [root + "/.github/workflows/ci.yml"])
        XCTAssertEqual(try find([root + "/notes.txt"]).files, [root + "/notes.txt"], "a file named is kept whatever its name")
    }

    func testAPathGivenAsALinkIsFollowed() throws {
        try write("real/x.yaml")
        try link("folder-link", to: "real")
        try link("file-link.yaml", to: "real/x.yaml")
        XCTAssertEqual(try find([root + "/folder-link"]).files, [root + "/folder-link/x.yaml"])
        XCTAssertEqual(try find([root + "/file-link.yaml"]).files, [root + "/file-link.yaml"])
        XCTAssertTrue(YAMLLoader().load(path: root + "/file-link.yaml").succeeded)
    }

    func testAMissingPathIsReported() {
        guard case .failure(let missing) = YAMLFileFinder.find([root + "/nope"]) else { return XCTFail("found a missing path") }
        XCTAssertEqual(missing.path, root + "/nope")
    }
}

/// The real file system, except that listing `folders` and reading `files` fail with EACCES.
struct RefusingFileSystem: FileSystemAccess {
    var folders: Set<String>
    var files: Set<String>
    let real = PosixFileSystem()
    static let denied = FileSystemError(reason: "Permission denied")

    func status(of path: String) -> Result<FileStatus, FileSystemError> { real.status(of: path) }

    func entries(of directory: String) -> Result<[DirectoryEntry], FileSystemError> {
        folders.contains(directory) ? .failure(Self.denied) : real.entries(of: directory)
    }

    func contents(of path: String) -> Result<[UInt8], FileSystemError> {
        files.contains(path) ? .failure(Self.denied) : real.contents(of: path)
    }
}

/// The real file system, with a listing that types no entry (as where `d_type` is unknown).
struct UntypedListing: FileSystemAccess {
    let real = PosixFileSystem()

    func status(of path: String) -> Result<FileStatus, FileSystemError> { real.status(of: path) }

    func entries(of directory: String) -> Result<[DirectoryEntry], FileSystemError> {
        real.entries(of: directory).map { $0.map { DirectoryEntry(name: $0.name) } }
    }

    func contents(of path: String) -> Result<[UInt8], FileSystemError> { real.contents(of: path) }
}
