/// Paths relative to a folder, by their text (no file-system call; `PathNormalizer` in
/// ConcordRules resolves symlinks).
public enum RelativePath {
    /// `path` against `folder`: unchanged when absolute or without a folder; `.` is the folder
    /// itself and a leading `./` is dropped.
    public static func resolved(_ path: String, against folder: String?) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        if path == "." { return folder }
        return (folder.hasSuffix("/") ? folder : folder + "/") + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// `path` relative to `folder` when it is inside `folder` (both absolute, or both relative to
    /// the same place); otherwise `path` unchanged. Trailing slashes of `folder` do not matter;
    /// the folder itself is not inside itself.
    public static func display(_ path: String, under folder: String?) -> String {
        guard let folder, !folder.isEmpty else { return path }
        var base = Array(folder.utf8)
        while base.count > 1, base.last == UInt8(ascii: "/") { base.removeLast() }
        if base != [UInt8(ascii: "/")] { base.append(UInt8(ascii: "/")) }
        let bytes = Array(path.utf8)
        guard bytes.count > base.count, bytes.starts(with: base) else { return path }
        return String(decoding: bytes[base.count...], as: UTF8.self)
    }
}
