/// FNV-1a, 64 bits: the one byte-hash step in Concord (key codes in the YAML store, the lanes of
/// `StableHash`).
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// `hash` with `byte` mixed in.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// The FNV-1a hash of `bytes`.
    @inlinable
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }
}

/// A stable 128-bit hash (two FNV-1a 64-bit lanes) as 32 hex digits; the same on every
/// platform and run, unlike `Hasher`. Baselines hold these values: never change the function.
public enum StableHash {
    public static func hex(_ text: String) -> String {
        var a: UInt64 = FNV1a.offsetBasis
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = FNV1a.step(a, byte)
            b = FNV1a.step(b, byte)
            b = b &+ (a >> 29)
        }
        return Hex.padded(a, width: 16) + Hex.padded(b, width: 16)
    }
}
