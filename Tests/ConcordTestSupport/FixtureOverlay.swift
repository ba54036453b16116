import Foundation

/// The dataset fixtures under `Tests/Fixtures/datasets/`: `clean/` is a whole small dataset;
/// every other folder holds only what it changes on top of it (an overlay) and its
/// `expected.txt`:
/// - a file at the same relative path as one of `clean/` replaces it; a new path adds a file;
/// - an empty file named `NAME.removed` removes `clean/`'s `NAME`;
/// - `expected.txt` (and any other non-YAML file) is not part of the dataset.
/// `materialise` writes the whole dataset of a fixture into a folder, for the tests to check.
public enum FixtureOverlay {
    public static var root: URL { TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/datasets") }
    public static let base = "clean"
    public static let expectedFile = "expected.txt"
    public static let removedSuffix = ".removed"

    /// Every fixture's name (`clean` included), sorted.
    public static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    /// `expected.txt` of a fixture.
    public static func expected(_ name: String) -> URL {
        root.appendingPathComponent(name).appendingPathComponent(expectedFile)
    }

    /// Writes the dataset of fixture `name` (`clean/` with the fixture's files laid over it) into
    /// `folder` (created; must not exist yet) and returns `folder`. `fixtures` is the folder
    /// holding `clean/` and the fixture.
    @discardableResult
    public static func materialise(_ name: String, into folder: URL, fixtures: URL = root) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for (source, relative) in try datasetFiles(in: fixtures.appendingPathComponent(base)) {
            try copy(source, to: folder.appendingPathComponent(relative))
        }
        guard name != base else { return folder }
        for (source, relative) in try datasetFiles(in: fixtures.appendingPathComponent(name)) {
            let target = folder.appendingPathComponent(relative)
            if relative.hasSuffix(removedSuffix) {
                try fm.removeItem(at: folder.appendingPathComponent(String(relative.dropLast(removedSuffix.count))))
            } else {
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try copy(source, to: target)
            }
        }
        return folder
    }

    /// The dataset of fixture `name` in a fresh temporary folder.
    public static func materialise(_ name: String) throws -> URL {
        try materialise(name, into: TestPaths.temporaryFolder("concord-fixture-\(name)").appendingPathComponent("dataset"))
    }

    /// The files of a fixture folder that take part in the dataset (YAML files and removal
    /// markers), with their paths relative to the folder.
    private static func datasetFiles(in folder: URL) throws -> [(URL, String)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
        }
        let prefix = folder.standardizedFileURL.path + "/"
        var files: [(URL, String)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") || relative.hasSuffix(removedSuffix) {
                files.append((url, relative))
            }
        }
        return files.sorted { $0.1 < $1.1 }
    }

    private static func copy(_ source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
    }
}
