/// Hexadecimal digits for bytes and code points.
public enum Hex {
    private static let lower = Array("0123456789abcdef")
    private static let upper = Array("0123456789ABCDEF")

    /// The lower-case ASCII digit for `nibble` (0–15).
    @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Two digits for `b`.
    public static func byte(_ b: UInt8, uppercase: Bool = false) -> String {
        let digits = uppercase ? upper : lower
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    /// Two lower-case digits for each byte.
    public static func string(_ bytes: [UInt8]) -> String {
        bytes.map { byte($0) }.joined()
    }

    /// `value` as at least `width` hex digits.
    public static func padded<Value: BinaryInteger>(_ value: Value, width: Int, uppercase: Bool = false) -> String {
        let s = String(value, radix: 16, uppercase: uppercase)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
