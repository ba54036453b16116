import Foundation

/// A Kubernetes resource quantity (`quantity("1.5Gi")`): a signed decimal number with a binary
/// (`Ki` … `Ei`), decimal (`n`, `u`, `m`, `k`, `M` … `E`) or exponent (`e3`) suffix, held
/// exactly as a decimal.
struct Quantity: Hashable, Sendable {
    let value: Decimal
    /// The text it was parsed from (or the decimal, for computed quantities).
    let text: String

    init(value: Decimal, text: String? = nil) {
        self.value = value
        self.text = text ?? NSDecimalNumber(decimal: value).stringValue
    }

    private static let binary: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]
    private static let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    init?(_ text: String) {
        var s = Substring(text)
        var sign: Decimal = 1
        if let f = s.first, f == "+" || f == "-" {
            if f == "-" { sign = -1 }
            s = s.dropFirst()
        }
        let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = s.dropFirst(number.count)
        guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1,
              let mantissa = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var multiplier: Decimal
        if let bits = Self.binary[String(suffix)] {
            multiplier = pow(Decimal(2), bits)
        } else if let exponent = Self.decimal[String(suffix)] {
            multiplier = Self.powerOfTen(exponent)
        } else if let e = suffix.first, e == "e" || e == "E", let exponent = Int(suffix.dropFirst()),
                  suffix.dropFirst().allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }), abs(exponent) <= 100 {
            multiplier = Self.powerOfTen(exponent)
        } else {
            return nil
        }
        multiplier *= sign
        self.init(value: mantissa * multiplier, text: text)
    }

    private static func powerOfTen(_ n: Int) -> Decimal {
        Decimal(sign: .plus, exponent: n, significand: 1)
    }

    var isInteger: Bool {
        var v = value, r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        return r == value
    }

    /// The value as an Int64, when it is an integer in range.
    var int64: Int64? {
        guard isInteger, value >= Decimal(Int64.min), value <= Decimal(Int64.max) else { return nil }
        return Int64(NSDecimalNumber(decimal: value).stringValue)
    }

    var double: Double { NSDecimalNumber(decimal: value).doubleValue }

    var sign: Int64 { value > 0 ? 1 : (value < 0 ? -1 : 0) }
}
