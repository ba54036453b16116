import Foundation

/// Finds the YAML files (`.yaml`, `.yml`) under the given paths, in a stable order.
public enum YAMLFileFinder {
    public struct MissingPath: Error, Sendable {
        public var path: String
    }

    /// Files given directly are kept whatever their extension; folders are searched recursively,
    /// skipping hidden entries (`.git`, `.build`, …). Paths keep the form they were given in
    /// (`Datasets/` → `Datasets/coalitions/it.yaml`). Duplicates are dropped.
    public static func files(under paths: [String]) -> Result<[String], MissingPath> {
        let fm = FileManager.default
        var result: [String] = []
        var seen = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(MissingPath(path: path))
            }
            if !isDirectory.boolValue {
                if seen.insert(normalize(path)).inserted { result.append(path) }
                continue
            }
            var found: [String] = []
            collect(directory: path, into: &found, fileManager: fm)
            for file in found.sorted() where seen.insert(normalize(file)).inserted {
                result.append(file)
            }
        }
        return .success(result)
    }

    public static func isYAML(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml")
    }

    private static func collect(directory: String, into found: inout [String], fileManager fm: FileManager) {
        guard let entries = try? fm.contentsOfDirectory(atPath: directory) else { return }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let full = base == "." ? entry : base + "/" + entry
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                collect(directory: full, into: &found, fileManager: fm)
            } else if isYAML(entry) {
                found.append(full)
            }
        }
    }

    private static func normalize(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
