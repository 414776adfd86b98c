/// The rules an answer's text is kept by, the same whether it was typed, piped or read from
/// an answers file. Applying them twice changes nothing; README's "How answers are kept"
/// states them, and the round-trip fuzzer (Tests/Fuzz/roundtrip.py) checks the plan, its
/// JSON export, `show` and `revisit` give the kept text back exactly.
///
/// 1. Line breaks: CR LF, CR, LF, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
///    (U+2029) each end a line.
/// 2. In each line: control characters, escape sequences, the controls that reorder text and
///    byte-order marks (U+FEFF) are removed; a tab becomes a space.
/// 3. Each line loses white space at both ends, and any combining marks and zero-width joiners
///    at its start or right after that white space (they have no letter to attach to there).
/// 4. A one-line answer (text, a list item) is its non-empty lines joined with a space; a long
///    answer is its non-empty lines.
public enum AnswerText {
    /// Raw text split into lines by every line break of rule 1.
    public static func lines(_ raw: String) -> [String] {
        // Most text has no line break of any kind (NEL, U+2028 and U+2029 start with C2 or E2).
        if !raw.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0xC2 || $0 == 0xE2 }) { return [raw] }
        var out: [String] = []
        var line = String.UnicodeScalarView()
        var previousWasCR = false
        for s in raw.unicodeScalars {
            switch s.value {
            case 0x0A where previousWasCR:
                previousWasCR = false
                continue
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                out.append(String(line))
                line = String.UnicodeScalarView()
                previousWasCR = s.value == 0x0D
                continue
            default:
                previousWasCR = false
                line.append(s)
            }
        }
        out.append(String(line))
        return out
    }

    /// One line as kept (rules 2 and 3).
    public static func line(_ raw: String) -> String {
        // Most lines have nothing to remove and nothing to trim: kept as they are.
        if let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
            !isWhiteSpace(first), !isMark(first), !isWhiteSpace(last), !isMark(last),
            !raw.unicodeScalars.contains(where: { $0.value < 0x20 || TextSanitizer.isControl($0) || $0.value == 0xFEFF }
            )
        {
            return raw
        }
        var scalars = Array(TextSanitizer.clean(raw).unicodeScalars.filter { $0.value != 0xFEFF })
        while let first = scalars.first, isWhiteSpace(first) || isMark(first) { scalars.removeFirst() }
        while let last = scalars.last {
            if isWhiteSpace(last) {
                scalars.removeLast()
                continue
            }
            // Marks at the end that follow white space, not a letter, go with it.
            guard isMark(last) else { break }
            var start = scalars.count - 1
            while start > 0 && isMark(scalars[start - 1]) { start -= 1 }
            guard start > 0, isWhiteSpace(scalars[start - 1]) else { break }
            scalars.removeSubrange(start...)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A one-line answer from raw lines (rule 4).
    public static func oneLine(_ raws: [String]) -> String {
        raws.flatMap(lines).map(line).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A long answer's lines from raw lines (rule 4).
    public static func manyLines(_ raws: [String]) -> [String] {
        raws.flatMap(lines).map(line).filter { !$0.isEmpty }
    }

    /// Unicode's White_Space characters.
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Combining marks, and the zero-width characters that join or separate others.
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return [0x200B, 0x200C, 0x200D, 0x2060, 0x034F].contains(s.value)
        }
    }
}
