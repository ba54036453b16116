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
        var lanes = Lanes()
        lanes.add(text)
        return lanes.hex
    }

    /// The hash's state after some bytes: feed text in pieces, read `hex` at any point (the
    /// hash of everything fed so far), or keep feeding.
    public struct Lanes: Hashable, Sendable {
        @usableFromInline var a: UInt64 = FNV1a.offsetBasis
        @usableFromInline var b: UInt64 = 0x6c62_272e_07bb_0142

        public init() {}

        @inlinable
        public mutating func add(_ byte: UInt8) {
            a = FNV1a.step(a, byte)
            b = FNV1a.step(b, byte)
            b = b &+ (a >> 29)
        }

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { for byte in $0 { add(byte) } }
        }

        /// The 32 lower-case hex digits of the hash of what was fed.
        public var hex: String {
            String(unsafeUninitializedCapacity: 32) { out in
                for i in 0..<16 {
                    out[i] = Hex.digit(UInt8(truncatingIfNeeded: a >> (60 - 4 * UInt64(i))) & 0x0F)
                    out[16 + i] = Hex.digit(UInt8(truncatingIfNeeded: b >> (60 - 4 * UInt64(i))) & 0x0F)
                }
                return 32
            }
        }
    }
}
