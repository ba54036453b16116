import ConcordDiagnostics
import ConcordYAML
import Foundation

/// The dataset as it was at a git revision (`--base REF`), read from git's objects (never by
/// checking the revision out). Its files are named `REF:path` (git's own notation, the path
/// relative to the repository's top folder), so nothing of it can be mistaken for the files on
/// disk.
public struct BaseRevision: Sendable {
    /// The revision as the user named it.
    public let ref: String
    /// The repository's top folder (absolute, links resolved).
    public let root: String
    /// Each file of the dataset at the revision: its path relative to `root`, and what the
    /// loader made of it.
    public let files: [(path: String, result: LoadResult)]
    /// The mount (`.concord.yaml`'s `{path, as, kind}`) each file belongs to, by repository
    /// path; files of plain dataset paths have none.
    public var mounts: [String: DatasetMount] = [:]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Loads the YAML files under `paths` (absolute files or folders of the working tree) and
    /// those `mounts` bring in (paths relative to `directory`, as in `CheckRequest.mounts`) as
    /// they were at `ref`. A file is mounted as it would be now: by the first mount whose file,
    /// folder or glob takes it.
    public static func load(_ ref: String, paths: [String], mounts: [DatasetMount] = [], in directory: String,
                            options: LoaderOptions = LoaderOptions()) -> Result<BaseRevision, Failure> {
        guard case .success(let top) = Git.run(["rev-parse", "--show-toplevel"], in: directory) else {
            return .failure(Failure(description: "\(directory) is not inside a git repository"))
        }
        let root = PathNormalizer.canonical(top.trimmingCharacters(in: .whitespacesAndNewlines))
        guard case .success = Git.run(["rev-parse", "--verify", "--quiet", ref + "^{commit}"], in: root) else {
            return .failure(Failure(description: "git does not know the revision `\(ref)`"))
        }
        let cwd = PathNormalizer.canonical(directory)
        var specs: [String] = []
        for path in paths + mounts.map({ MountedFiles.absolute($0.isGlob ? $0.searchRoot : $0.path, in: cwd) }) {
            let absolute = PathNormalizer.canonical(path)
            if absolute == root { specs.append("."); continue }
            guard absolute.hasPrefix(root + "/") else {
                return .failure(Failure(description: "\(path) is outside the git repository \(root)"))
            }
            specs.append(String(absolute.dropFirst(root.count + 1)))
        }
        let listing: String
        switch Git.run(["ls-tree", "-r", "-z", "--name-only", "--full-tree", ref, "--"] + specs, in: root) {
        case .success(let out): listing = out
        case .failure(let e): return .failure(Failure(description: e.description))
        }
        let names = listing.split(separator: "\0").map(String.init).filter(Self.isDatasetFile).sorted()
        if names.isEmpty { return .success(BaseRevision(ref: ref, root: root, files: [])) }
        let blobs: [[UInt8]]
        switch Git.catFile(names.map { "\(ref):\($0)" }, in: root) {
        case .success(let b): blobs = b
        case .failure(let e): return .failure(Failure(description: e.description))
        }
        let loader = YAMLLoader(options: options)
        let files = zip(names, blobs).map { name, bytes in
            (path: name, result: loader.load(bytes: bytes, file: "\(ref):\(name)"))
        }
        var revision = BaseRevision(ref: ref, root: root, files: files)
        for name in names {
            if let mount = mount(of: root + "/" + name, among: mounts, in: cwd) { revision.mounts[name] = mount }
        }
        return .success(revision)
    }

    /// The first mount that takes the file at `absolute`, as `MountedFiles` would find it now.
    static func mount(of absolute: String, among mounts: [DatasetMount], in cwd: String) -> DatasetMount? {
        let shown = absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
        for mount in mounts where mount.key != nil {
            if mount.isGlob {
                let pattern = mount.path.hasPrefix("./") ? String(mount.path.dropFirst(2)) : mount.path
                if Glob.matches(pattern, shown) { return mount }
            } else {
                let root = PathNormalizer.canonical(MountedFiles.absolute(mount.path, in: cwd))
                if absolute == root || absolute.hasPrefix(root + "/") { return mount }
            }
        }
        return nil
    }

    /// A `.yaml`/`.yml` file outside hidden folders, as the dataset's folder walk takes them.
    static func isDatasetFile(_ path: String) -> Bool {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return false }
        return !path.split(separator: "/").dropLast().contains { $0.hasPrefix(".") }
    }

    /// The merged dataset of the revision.
    public var dataset: Dataset {
        var dataset = Dataset()
        for file in files {
            for document in file.result.documents {
                if let mount = mounts[file.path] { dataset.add(document, mount: mount) } else { dataset.add(document) }
            }
        }
        return dataset
    }

    /// The path relative to the repository of a file of the working tree (nil outside it).
    public func repositoryPath(of path: String, currentDirectory: String) -> String? {
        let absolute = PathNormalizer.canonical(path.hasPrefix("/") ? path : currentDirectory + "/" + path)
        return absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : nil
    }
}

/// Paths as the transition code compares them.

/// Runs git.
enum Git {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], in directory: String) -> Result<String, Failure> {
        switch runBytes(arguments, input: nil, in: directory) {
        case .success(let data): return .success(String(decoding: data, as: UTF8.self))
        case .failure(let e): return .failure(e)
        }
    }

    /// The contents of `objects` (`REF:path` each), through one `git cat-file --batch`.
    static func catFile(_ objects: [String], in directory: String) -> Result<[[UInt8]], Failure> {
        let input = Data(objects.map { $0 + "\n" }.joined().utf8)
        let output: [UInt8]
        switch runBytes(["cat-file", "--batch"], input: input, in: directory) {
        case .success(let data): output = data
        case .failure(let e): return .failure(e)
        }
        // Each object: "<sha> <type> <size>\n<content>\n", or "<name> missing\n".
        var blobs: [[UInt8]] = []
        var i = 0
        for object in objects {
            guard let newline = output[i...].firstIndex(of: UInt8(ascii: "\n")) else {
                return .failure(Failure(description: "git cat-file ended early at \(object)"))
            }
            let header = String(decoding: output[i..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
                return .failure(Failure(description: "git cannot read \(object)"))
            }
            blobs.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            i = newline + 1 + size + 1
        }
        return .success(blobs)
    }

    private static func runBytes(_ arguments: [String], input: Data?, in directory: String) -> Result<[UInt8], Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do {
            try process.run()
        } catch {
            return .failure(Failure(description: "cannot run git: \(error.localizedDescription)"))
        }
        if let input {
            // Written on another thread: git answers while it reads, and both pipes are bounded.
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
            }
        }
        let errorReader = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        errorReader.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            errorReader.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        errorReader.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(Failure(description: "git \(arguments.first ?? "") failed: \(message)"))
        }
        return .success([UInt8](data))
    }
}
