/// Paths shown relative to a folder.
public enum RelativePath {
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
