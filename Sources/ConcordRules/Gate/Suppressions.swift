import ConcordDiagnostics
import ConcordYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `# concord-ignore: RULE-ID[, RULE-ID] reason` comments. A comment after content suppresses
/// the listed rules on its own line; a comment alone on its line suppresses them on the next
/// line. A suppression that suppresses nothing is reported (`unused-suppression`).
public struct Suppression: Sendable, Hashable {
    public var file: String
    /// The line whose diagnostics it suppresses.
    public var line: Int
    public var ruleIDs: [String]
    public var reason: String
    /// Where the comment is.
    public var range: SourceRange
    /// The edit that removes the comment (its fix when it suppresses nothing).
    public var removal: TextEdit? = nil
}

public enum Suppressions {
    public static let marker = "concord-ignore:"

    enum Message {
        static func unused(_ rule: String) -> String {
            "`# concord-ignore: \(rule)` suppresses nothing here; remove it"
        }
        static let removeFix = "remove the unused `# concord-ignore:` comment"
    }

    /// The suppression comments of a file's text.
    public static func parse(_ bytes: [UInt8], file: String, lines positions: (Int) -> SourcePosition) -> [Suppression] {
        let needle = Array(marker.utf8)
        guard bytes.count >= needle.count, contains(bytes, needle) else { return [] }
        var result: [Suppression] = []
        var lineStart = 0
        var line = 1
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let s = parseLine(bytes, lineStart, lineEnd, needle: needle, file: file, line: line, positions: positions) {
                result.append(s)
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return result
    }

    /// Whether some `#` is followed (after spaces) by `needle`: a quick test before the
    /// line-by-line scan, which finds each `#` with the C library's `memchr` (several bytes
    /// at a time) and most files have few.
    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { hay in
            guard let base = hay.baseAddress else { return false }
            var from = 0
            while from < hay.count, let found = memchr(base + from, 0x23, hay.count - from) {
                var j = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                while j < hay.count, hay[j] == 0x20 { j += 1 }
                if j + needle.count <= hay.count, needle.indices.allSatisfy({ hay[j + $0] == needle[$0] }) { return true }
                from = j
            }
            return false
        }
    }

    private static func parseLine(_ b: [UInt8], _ start: Int, _ end: Int, needle: [UInt8], file: String, line: Int,
                                  positions: (Int) -> SourcePosition) -> Suppression? {
        // Find a `#` that starts a comment (line start or after a blank) followed by the marker.
        var i = start
        var sawContent = false
        while i < end {
            let c = b[i]
            if c == 0x23, i == start || b[i - 1] == 0x20 || b[i - 1] == 0x09 {
                var j = i + 1
                while j < end, b[j] == 0x20 { j += 1 }
                if j + needle.count <= end, Array(b[j..<(j + needle.count)]) == needle {
                    let rest = String(decoding: b[(j + needle.count)..<end], as: UTF8.self)
                    let (ids, reason) = splitRules(rest)
                    guard !ids.isEmpty else { return nil }
                    var commentEnd = end
                    if commentEnd > i, b[commentEnd - 1] == 0x0D { commentEnd -= 1 }
                    return Suppression(file: file, line: sawContent ? line : line + 1, ruleIDs: ids, reason: reason,
                                       range: SourceRange(start: positions(i), end: positions(commentEnd)),
                                       removal: CommentRemoval.edit(bytes: b, start: i, end: commentEnd, file: file, position: positions))
                }
                return nil
            }
            if c != 0x20, c != 0x09 { sawContent = true }
            i += 1
        }
        return nil
    }

    /// "rule-a, rule-b reason text" → (["rule-a", "rule-b"], "reason text")
    static func splitRules(_ text: String) -> ([String], String) {
        var ids: [String] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            let id = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            guard !id.isEmpty else { break }
            ids.append(String(id))
            rest = rest.dropFirst(id.count).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "," else { break }
            rest = rest.dropFirst()
        }
        return (ids, String(rest).trimmingCharacters(in: .whitespaces))
    }

    /// Drops suppressed diagnostics and adds an `unused-suppression` warning for each rule id
    /// of a comment that suppressed nothing.
    /// `path` normalises file names, so that a comment and a diagnostic of one file match
    /// however each names it.
    public static func apply(_ suppressions: [Suppression], to diagnostics: [Diagnostic],
                             path: (String) -> String = { $0 }) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        var byLine: [String: [Int: [Int]]] = [:]
        for (i, s) in suppressions.enumerated() { byLine[path(s.file), default: [:]][s.line, default: []].append(i) }
        var used = Set<String>()
        var kept: [Diagnostic] = []
        for d in diagnostics {
            guard let line = d.location.range?.start.line,
                  let candidates = byLine[path(d.location.file)]?[line] else {
                kept.append(d)
                continue
            }
            if let hit = candidates.first(where: { suppressions[$0].ruleIDs.contains(d.ruleID) }) {
                used.insert("\(hit)|\(d.ruleID)")
            } else {
                kept.append(d)
            }
        }
        for (i, s) in suppressions.enumerated() {
            // Safe to remove only when none of the comment's rules suppresses anything.
            let removable = s.ruleIDs.allSatisfy { !used.contains("\(i)|\($0)") }
            let fixes = removable ? s.removal.map { [Fix(description: Message.removeFix, applicability: .safe, edits: [$0])] } ?? [] : []
            for id in s.ruleIDs where !used.contains("\(i)|\(id)") {
                kept.append(GateRules.unusedSuppression.diagnostic(at: SourceLocation(file: s.file, range: s.range),
                                                                   message: Message.unused(id), fixes: fixes))
            }
        }
        return kept
    }
}

import Foundation
