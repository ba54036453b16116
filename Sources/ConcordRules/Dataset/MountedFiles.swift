import ConcordDiagnostics
import ConcordSupport
import ConcordYAML
import Foundation

/// The YAML files of a dataset's entries, each with the entry that brought it in: folders are
/// searched recursively, globs are matched under their search root. A path that matches nothing
/// is an error at its entry, and so is a file that two entries bring in when either of them is
/// a mount (its documents would be read in two ways); plain paths that overlap are read once.
public enum MountedFiles {
    public struct File: Sendable {
        public var path: String
        public var mount: DatasetMount
    }

    enum Message {
        static func noMatch(_ glob: String) -> String { "no YAML file matches `\(glob)`" }
        static func mountedTwice(_ file: String, others: Int, _ mount: DatasetMount) -> String {
            "`\(file)`" + (others > 0 ? " and \(others) other file\(others == 1 ? "" : "s") are" : " is")
                + " mounted twice: here and by \(mount.description); a file may belong to one entry of `datasets`"
        }
        static let firstMount = "first mounted here"
    }

    /// The files of `entries` in entry order (each file once), and the problems that make the
    /// entries unusable (when there are any, nothing should be checked).
    /// Relative paths are relative to `directory` (default: the process's current folder) and
    /// stay relative in the result.
    public static func resolve(_ entries: [DatasetMount], in directory: String? = nil) -> (files: [File], problems: [Diagnostic]) {
        var ignored: [Diagnostic] = []
        return resolve(entries, in: directory, fileSystem: PosixFileSystem(), walkDiagnostics: &ignored)
    }

    /// The same, walking `fileSystem`; what the walks could not read (unreadable folders,
    /// folders reached twice) is added to `walkDiagnostics` (not problems: the rest is checked).
    public static func resolve(_ entries: [DatasetMount], in directory: String?, fileSystem: any FileSystemAccess,
                               walkDiagnostics: inout [Diagnostic]) -> (files: [File], problems: [Diagnostic]) {
        var files: [File] = []
        var owner: [String: Int] = [:]   // standardized path → entry index
        var problems: [Diagnostic] = []
        let keyBase = directory ?? FileManager.default.currentDirectoryPath
        for (index, entry) in entries.enumerated() {
            let (found, problem) = paths(of: entry, in: directory, fileSystem: fileSystem, walkDiagnostics: &walkDiagnostics)
            if let problem {
                problems.append(problem)
                continue
            }
            // One entry's walk lists each file once (by identity): only files of two entries
            // can meet, so a single entry skips the paths' keys (20,000 of them in a folder of
            // one file per record).
            guard entries.count > 1 else {
                files = found.map { File(path: $0, mount: entry) }
                continue
            }
            var twice: [Int: [String]] = [:]   // earlier entry → files it shares with this one
            for path in found {
                let key = PathNormalizer.lexical(absolute(path, in: keyBase))
                if let earlier = owner[key] {
                    if entry.key != nil || entries[earlier].key != nil { twice[earlier, default: []].append(path) }
                    continue
                }
                owner[key] = index
                files.append(File(path: path, mount: entry))
            }
            for (earlier, shared) in twice.sorted(by: { $0.key < $1.key }) {
                let first = entries[earlier]
                problems.append(ConfigurationRules.configInvalid.diagnostic(
                    at: entry.location ?? SourceLocation(file: shared[0]),
                    message: Message.mountedTwice(shared[0], others: shared.count - 1, first),
                    related: first.location.map { [RelatedLocation(location: $0, message: Message.firstMount)] } ?? []))
            }
        }
        return (files, problems)
    }

    /// The YAML files of one entry.
    static func paths(of entry: DatasetMount, in directory: String?, fileSystem: any FileSystemAccess,
                      walkDiagnostics: inout [Diagnostic]) -> ([String], Diagnostic?) {
        // Searched by absolute path, shown as given.
        let prefix = directory.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        func shown(_ path: String) -> String {
            guard let prefix, !entry.path.hasPrefix("/"), path.hasPrefix(prefix) else { return path }
            // By UTF-8 offset (constant time), not by characters: a walk may list thousands.
            return String(path[path.utf8.index(path.startIndex, offsetBy: prefix.utf8.count)...])
        }
        func walk(_ path: String) -> Result<[String], YAMLFileFinder.MissingPath> {
            YAMLFileFinder.find([path], fileSystem: fileSystem).map { found in
                walkDiagnostics += found.diagnostics.map { d in
                    // Shown as the entry's paths are: relative to `directory` when given so.
                    var d = d
                    d.location.file = shown(d.location.file)
                    if let prefix, !entry.path.hasPrefix("/") { d.message = d.message.replacingOccurrences(of: prefix, with: "") }
                    return d
                }
                return found.files
            }
        }
        guard entry.isGlob else {
            switch walk(absolute(entry.path, in: directory)) {
            case .success(let paths): return (paths.map(shown), nil)
            case .failure(let missing):
                return ([], ConfigurationRules.missingPath.diagnostic(
                    at: entry.location ?? SourceLocation(file: shown(missing.path)),
                    message: ConfigurationRules.Message.missingPath(shown(missing.path))))
            }
        }
        let root = entry.searchRoot
        let candidates = ((try? walk(absolute(root, in: directory)).get()) ?? []).map(shown)
        let pattern = entry.path.hasPrefix("./") ? String(entry.path.dropFirst(2)) : entry.path
        let matched = candidates.filter { Glob.matches(pattern, $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0) }
        guard !matched.isEmpty else {
            return ([], ConfigurationRules.missingPath.diagnostic(
                at: entry.location ?? SourceLocation(file: entry.path), message: Message.noMatch(entry.path)))
        }
        return (matched, nil)
    }

    /// `path` against `directory` (unchanged when absolute or without a directory).
    static func absolute(_ path: String, in directory: String?) -> String {
        RelativePath.resolved(path, against: directory)
    }
}
