/// The lines of a source text as Unicode scalars, for code frames. Line breaks are `\n`, `\r\n`
/// and a lone `\r` (as in YAML); a leading byte-order mark is not part of line 1 (columns count
/// from after it, as the loader's do).
struct SourceLines {
    private var lines: [[Unicode.Scalar]] = []

    init(_ text: String) {
        var current: [Unicode.Scalar] = []
        var previousWasCR = false
        for s in text.unicodeScalars {
            if s == "\r" {
                lines.append(current); current = []; previousWasCR = true
                continue
            }
            if s == "\n" {
                if !previousWasCR { lines.append(current); current = [] }
                previousWasCR = false
                continue
            }
            previousWasCR = false
            current.append(s)
        }
        lines.append(current)
        if let first = lines.first?.first, first == "\u{FEFF}" { lines[0].removeFirst() }
    }

    var count: Int { lines.count }

    /// Line `number` (1-based), or `nil` when out of range.
    func line(_ number: Int) -> [Unicode.Scalar]? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}

/// A source line laid out for a terminal: tabs expanded to the next multiple of `tabWidth`,
/// control characters shown as their Unicode "control pictures", bidi controls as U+FFFD,
/// combining marks zero-width and East Asian wide characters and emoji two columns wide.
struct DisplayLine {
    static let tabWidth = 4

    /// The display text of each scalar.
    private(set) var pieces: [String] = []
    /// `starts[i]` is the display column (0-based) where scalar `i` starts; `starts[count]` is
    /// the display width of the whole line.
    private(set) var starts: [Int] = []

    init(_ scalars: [Unicode.Scalar]) {
        var column = 0
        pieces.reserveCapacity(scalars.count)
        starts.reserveCapacity(scalars.count + 1)
        for s in scalars {
            starts.append(column)
            let piece: String
            let width: Int
            if s == "\t" {
                width = DisplayLine.tabWidth - column % DisplayLine.tabWidth
                piece = Text.spaces(width)
            } else if s.value < 0x20 {
                piece = String(Unicode.Scalar(s.value + 0x2400) ?? "\u{FFFD}")
                width = 1
            } else if s.value == 0x7F {
                piece = "\u{2421}"; width = 1
            } else if (s.value >= 0x80 && s.value < 0xA0) || Text.isBidiControl(s) {
                piece = "\u{FFFD}"; width = 1
            } else {
                piece = String(s); width = DisplayLine.width(of: s)
            }
            pieces.append(piece)
            column += width
        }
        starts.append(column)
    }

    var scalarCount: Int { pieces.count }
    var width: Int { starts.last ?? 0 }

    /// Display column of scalar index `i` (0-based); past the end of the line each missing scalar
    /// counts one column.
    func displayColumn(ofScalar i: Int) -> Int {
        let i = max(0, i)
        if i < starts.count { return starts[i] }
        return width + (i - scalarCount)
    }

    /// The text of scalars `range`.
    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, scalarCount)), hi = max(lo, min(range.upperBound, scalarCount))
        return pieces[lo..<hi].joined()
    }

    /// Index of the first scalar that is not a space or tab (`scalarCount` if none).
    func firstNonBlank(_ scalars: [Unicode.Scalar]) -> Int {
        scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count
    }

    static func width(of s: Unicode.Scalar) -> Int {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
