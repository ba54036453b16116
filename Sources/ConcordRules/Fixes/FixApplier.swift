import ConcordDiagnostics

/// Applies fixes to texts: the edits of a fix go in together or not at all, and a fix whose
/// edits overlap (or touch) an edit already taken is left for the next round.
public enum FixApplier {
    public struct Outcome: Sendable {
        /// File → its text after the applied fixes (only files that changed).
        public var texts: [String: [UInt8]]
        /// The fixes applied, in the order given.
        public var applied: [Fix]
        /// Fixes left out because they overlap an applied one.
        public var deferred: [Fix]
    }

    /// Applies as many of `fixes` as do not overlap, in order, to the texts of their files.
    /// A fix that changes nothing, or edits a file `texts` does not have, or bytes past its
    /// end, is dropped.
    public static func apply(_ fixes: [Fix], to texts: [String: [UInt8]]) -> Outcome {
        var taken: [String: [Range<Int>]] = [:]
        var editsByFile: [String: [TextEdit]] = [:]
        var applied: [Fix] = [], deferred: [Fix] = []
        for fix in fixes {
            guard !fix.edits.isEmpty,
                  fix.edits.allSatisfy({ edit in texts[edit.file].map { edit.range.end.offset <= $0.count && edit.range.start.offset <= edit.range.end.offset } ?? false }),
                  fix.edits.contains(where: { changes($0, texts[$0.file] ?? []) }) else { continue }
            if hasOverlap(fix.edits) { continue }
            if fix.edits.contains(where: { edit in (taken[edit.file] ?? []).contains { touches($0, edit.byteRange) } }) {
                deferred.append(fix)
                continue
            }
            for edit in fix.edits {
                taken[edit.file, default: []].append(edit.byteRange)
                editsByFile[edit.file, default: []].append(edit)
            }
            applied.append(fix)
        }
        var result: [String: [UInt8]] = [:]
        for (file, edits) in editsByFile {
            guard var bytes = texts[file] else { continue }
            for edit in edits.sorted(by: { $0.range.start.offset > $1.range.start.offset }) {
                bytes.replaceSubrange(edit.byteRange, with: Array(edit.newText.utf8))
            }
            result[file] = bytes
        }
        return Outcome(texts: result, applied: applied, deferred: deferred)
    }

    /// Whether an edit changes its bytes.
    static func changes(_ edit: TextEdit, _ bytes: [UInt8]) -> Bool {
        !bytes[edit.byteRange].elementsEqual(edit.newText.utf8)
    }

    /// Whether two ranges share a byte or touch (an insertion at a range's edge counts).
    static func touches(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound
    }

    private static func hasOverlap(_ edits: [TextEdit]) -> Bool {
        for (i, a) in edits.enumerated() {
            for b in edits[(i + 1)...] where a.file == b.file && touches(a.byteRange, b.byteRange) { return true }
        }
        return false
    }
}
