import Foundation

/// The one way Concord turns a path into the form it compares: absolute (against a folder),
/// symlinks resolved, `.` and `..` removed.
public enum PathNormalizer {
    public static func canonical(_ path: String, relativeTo directory: String? = nil) -> String {
        let full = path.hasPrefix("/") || directory == nil ? path : (directory ?? "") + "/" + path
        return URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
