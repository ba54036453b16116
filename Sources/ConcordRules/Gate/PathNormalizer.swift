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
        if isLexicallyPlain(path) { return path }
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

    /// Whether `lexical` would return `path` as it is: no empty, `.` or `..` component and no
    /// trailing slash (the common case, told by one pass over the bytes).
    private static func isLexicallyPlain(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var componentLength = 0, dots = 0, position = 0
        for byte in path.utf8 {
            if byte == slash {
                // An empty component (`//`) is allowed only as an absolute path's first slash.
                if componentLength == 0 && position != 0 { return false }
                if componentLength > 0 && dots == componentLength && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                if byte == dot && dots == componentLength { dots += 1 }
                componentLength += 1
            }
            position += 1
        }
        // The last component: not empty (a trailing slash, an empty path), not `.` or `..`.
        return componentLength > 0 && !(dots == componentLength && dots <= 2)
    }
}
