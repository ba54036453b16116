import Foundation

/// The one way Concord turns a path into the form it compares: absolute (against a folder),
/// symlinks resolved, `.` and `..` removed.
public enum PathNormalizer {
    public static func canonical(_ path: String, relativeTo directory: String? = nil) -> String {
        let full = path.hasPrefix("/") || directory == nil ? path : (directory ?? "") + "/" + path
        return URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// `path` with `.`, `..` and repeated slashes removed, by its text alone (no file-system
    /// call: for telling apart many paths that are already absolute or alike relative).
    public static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part != ".." || !path.hasPrefix("/") {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
