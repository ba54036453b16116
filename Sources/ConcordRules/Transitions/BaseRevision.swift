import ConcordDiagnostics
import ConcordSupport
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
        let root: String
        switch Git.repositoryRoot(containing: directory, knowing: ref) {
        case .success(let r): root = r
        case .failure(let e): return .failure(Failure(description: e.description))
        }
        let cwd = PathNormalizer.canonical(directory)
        var specs: [String] = []
        for path in paths + mounts.map({ MountedFiles.absolute($0.isGlob ? $0.searchRoot : $0.path, in: cwd) }) {
            let absolute = PathNormalizer.canonical(path)
            if absolute == root { specs.append("."); continue }
            guard absolute.hasPrefix(root + "/") else {
                return .failure(Failure(description: "\(path) is outside the git repository \(root)"))
            }
            specs.append(RelativePath.display(absolute, under: root))
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
        let shown = RelativePath.display(absolute, under: cwd)
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
}
