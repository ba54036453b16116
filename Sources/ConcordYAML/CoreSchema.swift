/// Resolution of plain scalars by the YAML 1.2 core schema
/// (https://yaml.org/spec/1.2.2/#1032-tag-resolution), and of scalars with an explicit core tag.
enum CoreSchema {
    static let strTag = "tag:yaml.org,2002:str"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let nullTag = "tag:yaml.org,2002:null"
    static let mergeTag = "tag:yaml.org,2002:merge"

    /// The value of an untagged plain scalar.
    static func resolvePlain(_ text: String) -> ScalarValue {
        var text = text
        return text.withUTF8 { resolvePlain($0) }
    }

    /// The value of an untagged plain scalar, from its UTF-8 bytes.
    static func resolvePlain(_ b: UnsafeBufferPointer<UInt8>) -> ScalarValue {
        guard let first = b.first else { return .null }
        // Fast exit for the common case of ordinary words.
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if equals(b, "~") || equals(b, "null") || equals(b, "Null") || equals(b, "NULL") { return .null }
            return .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if equals(b, "true") || equals(b, "True") || equals(b, "TRUE") { return .bool(true) }
            return .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if equals(b, "false") || equals(b, "False") || equals(b, "FALSE") { return .bool(false) }
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return resolveNumber(b) ?? .string
        default:
            return .string
        }
    }

    /// Whether `b` holds exactly the ASCII text `word`.
    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<b.count where b[i] != w[i] { return false }
        return true
    }

    /// The number a text denotes in core-schema syntax, read without copying its bytes when
    /// the string is stored contiguously (as strings made from libyaml's buffers are).
    static func number(in text: String) -> ScalarValue? {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ resolveNumber($0) }) { return fast }
        return Array(text.utf8).withUnsafeBufferPointer { resolveNumber($0) }
    }

    /// An int or float in core-schema syntax, or nil.
    static func resolveNumber(_ b: UnsafeBufferPointer<UInt8>) -> ScalarValue? {
        let n = b.count
        guard n > 0 else { return nil }
        // 0o / 0x (unsigned forms only).
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            var v: Int64 = 0
            for c in b[2...] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "7") else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 8)
                let (a, o2) = m.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
                if o1 || o2 { return .double(wideValue(b[2...], radix: 8)) }
                v = a
            }
            return .int(v)
        }
        if n > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            var v: Int64 = 0
            for c in b[2...] {
                guard let d = hexDigit(c) else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(Int64(d))
                if o1 || o2 { return .double(wideValue(b[2...], radix: 16)) }
                v = a
            }
            return .int(v)
        }
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        // .inf / .nan
        if b[i] == UInt8(ascii: ".") {
            let rest = String(decoding: b[(i + 1)...], as: UTF8.self)
            if rest == "inf" || rest == "Inf" || rest == "INF" {
                return .double(b[0] == UInt8(ascii: "-") ? -.infinity : .infinity)
            }
            if i == 0, rest == "nan" || rest == "NaN" || rest == "NAN" { return .double(.nan) }
        }
        let digitsStart = i
        while i < n, isDigit(b[i]) { i += 1 }
        let intDigits = i - digitsStart
        if i == n {
            guard intDigits > 0 else { return nil }
            // Accumulate negatively so that Int64.min fits.
            var v: Int64 = 0
            var overflow = false
            for k in digitsStart..<n {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.subtractingReportingOverflow(Int64(b[k] - 48))
                if o1 || o2 { overflow = true; break }
                v = a
            }
            let negative = b[0] == UInt8(ascii: "-")
            if !overflow {
                if negative { return .int(v) }
                if v != Int64.min { return .int(-v) }
            }
            return Double(String(decoding: b, as: UTF8.self)).map { .double($0) }
        }
        var fracDigits = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let s = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracDigits = i - s
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let s = i
            while i < n, isDigit(b[i]) { i += 1 }
            guard i > s else { return nil }
        }
        guard i == n else { return nil }
        return Double(String(decoding: b, as: UTF8.self)).map { .double($0) }
    }

    /// An integer too large for Int64, as the nearest Double.
    private static func wideValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>, radix: Double) -> Double {
        digits.reduce(0.0) { $0 * radix + Double(hexDigit($1) ?? 0) }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// The value of a scalar with an explicit tag; nil when the text does not fit the tag.
    /// Unknown and local tags leave the scalar a string.
    static func resolveTagged(_ text: String, tag: String) -> ScalarValue? {
        switch tag {
        case intTag:
            if case .int(let v)? = number(in: text) { return .int(v) }
            return nil
        case floatTag:
            switch number(in: text) {
            case .int(let v)?: return .double(Double(v))
            case .double(let d)?: return .double(d)
            default: return nil
            }
        case boolTag:
            if case .bool(let v) = resolvePlain(text) { return .bool(v) }
            return nil
        case nullTag:
            if case .null = resolvePlain(text) { return .null }
            return nil
        default:
            return .string
        }
    }
}
