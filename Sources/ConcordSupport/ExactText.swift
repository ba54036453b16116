#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text compared by its bytes.
public enum ExactText {
    /// Whether two strings are the same UTF-8 bytes (the same Unicode scalars). Unlike `==`, which
    /// also equates canonically equivalent strings, this is what CEL and YAML keys mean by equal,
    /// and it is fast on the common unequal case.
    @inlinable @inline(__always)
    public static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // Compares the UTF-8 buffers directly (native and small strings have one).
        if let same = a.utf8.withContiguousStorageIfAvailable({ pa in
            b.utf8.withContiguousStorageIfAvailable { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count == pb.count }
                return memcmp(x, y, pa.count) == 0
            }
        }), let same {
            return same
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `bytes` are the UTF-8 bytes of `text` (a text kept as bytes, as YAML scalars are).
    @inlinable @inline(__always)
    public static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard bytes.count == text.utf8.count else { return false }
        if let same = text.utf8.withContiguousStorageIfAvailable({ other in
            guard let x = bytes.baseAddress, let y = other.baseAddress else { return true }
            return memcmp(x, y, bytes.count) == 0
        }) {
            return same
        }
        return bytes.elementsEqual(text.utf8)
    }
}
