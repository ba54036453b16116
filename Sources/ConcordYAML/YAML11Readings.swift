/// What a YAML 1.1 parser (PyYAML, older Go and Ruby parsers, many CI tools) makes of a plain
/// scalar, where that differs from the YAML 1.2 core schema Concord uses. This is the source of
/// the `yaml-ambiguous-scalar` warning (the "Norway problem": `NO` is `false` in YAML 1.1).
enum YAML11Readings {
    /// A description of the YAML 1.1 reading of an untagged plain scalar (e.g. "the boolean
    /// false"), or nil when YAML 1.1 and 1.2 agree. `value` is the 1.2 resolution.
    static func differingReading(of text: String, resolvedAs value: ScalarValue) -> String? {
        var bytes = text
        guard bytes.withUTF8({ mayDiffer($0) }), let first = text.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            return booleanReading(text)
        default:
            return numericReading(text, resolvedAs: value)
        }
    }

    /// Whether a YAML 1.1 reading may differ for a plain scalar with these UTF-8 bytes (the
    /// first test of `differingReading`, made without a string: most scalars fail it). A plain
    /// decimal integer without a leading zero reads the same.
    static func mayDiffer(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first else { return false }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            return true
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            return !b.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0"):
            return true
        default:
            return false
        }
    }

    private static let yaml11True: Set<String> = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]
    private static let yaml11False: Set<String> = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"]

    private static func booleanReading(_ text: String) -> String? {
        if yaml11True.contains(text) { return "the boolean true" }
        if yaml11False.contains(text) { return "the boolean false" }
        return nil
    }

    private static func numericReading(_ text: String, resolvedAs value: ScalarValue) -> String? {
        var body = Substring(text)
        var negative = false
        if let f = body.first, f == "-" || f == "+" {
            negative = f == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let sign: Int64 = negative ? -1 : 1

        // Binary: 0b1010 (YAML 1.1 only).
        if body.hasPrefix("0b"), body.count > 2, body.dropFirst(2).allSatisfy({ $0 == "0" || $0 == "1" || $0 == "_" }) {
            return integerReading(body.dropFirst(2), radix: 2, sign: sign, kind: "binary integer")
        }
        // Hexadecimal with a sign or underscores (YAML 1.2 reads plain 0x1F the same way).
        if body.hasPrefix("0x"), body.count > 2,
           body.dropFirst(2).allSatisfy({ $0.isHexDigit || $0 == "_" }) {
            if case .int = value { return nil }
            return integerReading(body.dropFirst(2), radix: 16, sign: sign, kind: "integer")
        }
        // 0o17: YAML 1.2 octal, a string to YAML 1.1.
        if body.hasPrefix("0o") {
            if case .int = value { return "the string \"\(text)\"" }
            return nil
        }
        // Octal: 012 (YAML 1.2 reads the decimal 12).
        if body.count > 1, body.first == "0", body.allSatisfy({ ("0"..."7").contains($0) || $0 == "_" }) {
            return integerReading(body.dropFirst(), radix: 8, sign: sign, kind: "octal integer")
        }
        // Sexagesimal: 12:30 or 1:20:30.5 (base 60).
        if body.utf8.contains(UInt8(ascii: ":")) {
            return sexagesimalReading(body, negative: negative)
        }
        // Underscored decimals: 1_000, 1_000.5.
        if body.utf8.contains(UInt8(ascii: "_")) {
            let digits = body.filter { $0 != "_" }
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), body.first?.isNumber == true {
                return integerReading(Substring(digits), radix: 10, sign: sign, kind: "integer")
            }
            if let d = Double(String(digits)), body.first?.isNumber == true || body.first == ".",
               digits.contains(".") {
                return "the number \(negative ? -d : d)"
            }
            return nil
        }
        // 1e3: a float in YAML 1.2, a string in YAML 1.1 (whose floats need a dot).
        if case .double(let d) = value, d.isFinite, !body.utf8.contains(UInt8(ascii: ".")) {
            return "the string \"\(text)\""
        }
        return nil
    }

    private static func integerReading(_ digits: Substring, radix: Int64, sign: Int64, kind: String) -> String? {
        var v: Int64 = 0
        var sawDigit = false
        for c in digits where c != "_" {
            guard let d = c.hexDigitValue, Int64(d) < radix else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return "a \(kind)" }
            v = a
            sawDigit = true
        }
        guard sawDigit else { return nil }
        return "the \(kind) \(sign * v)"
    }

    private static func sexagesimalReading(_ body: Substring, negative: Bool) -> String? {
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let head = parts.first, let firstChar = head.first,
              firstChar.isNumber, firstChar != "0" || head.count == 1 else { return nil }
        var total = 0.0
        var isFloat = false
        for (i, part) in parts.enumerated() {
            let clean = part.filter { $0 != "_" }
            if i == parts.count - 1, clean.contains(".") {
                guard let d = Double(clean), d >= 0, d < 60 || i == 0 else { return nil }
                total = total * 60 + d
                isFloat = true
            } else {
                guard !clean.isEmpty, clean.allSatisfy({ $0.isASCII && $0.isNumber }), let d = Int(clean) else { return nil }
                if i > 0, d >= 60 || part.count > 2 { return nil }
                total = total * 60 + Double(d)
            }
        }
        let value = negative ? -total : total
        if isFloat { return "the base-60 number \(value)" }
        // Beyond Int64 (the config fuzzer's `2222222222222222222:00`) converting would trap:
        // the reading is then the Double the value rounds to.
        guard let integer = Int64(exactly: value) else { return "the base-60 integer \(value)" }
        return "the base-60 integer \(integer)"
    }
}
