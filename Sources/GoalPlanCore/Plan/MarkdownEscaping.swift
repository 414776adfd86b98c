/// Makes a person's text safe inside Markdown: it always reads back as the literal text typed,
/// and can never add a heading, list, table, link, HTML or rule to the document.
public enum MarkdownEscaping {
    /// Escapes one line of text for use inside a paragraph, list item, heading or table cell.
    ///
    /// Characters with meaning anywhere in a line are backslash-escaped everywhere; characters
    /// that only matter at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`) there, and
    /// also as a word of their own after a space, where rewrapping the paragraph (by hand, or
    /// by an editor that knows no Markdown) could bring them to the start of a line. With
    /// `lineStart` false the text follows something on its line (`**` of a label, `Goal 1: `)
    /// and its first character needs no escape for being first.
    ///
    /// `|` is escaped everywhere too: a line of an answer such as `|-|` after one that has a
    /// pipe would otherwise make a table, and a rewrap can bring any word to a line's start.
    public static func inline(_ line: String, lineStart: Bool = true) -> String {
        let text = line.trimmingSpaces
        // Most text needs no escape at all.
        if !text.utf8.contains(where: { Self.special[Int($0)] }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "\\", "`", "*", "[", "]", "<", "|", "~":
                out.append("\\")
            case "_":
                // Inside a word (`a_b`, an address) it can neither open nor close emphasis,
                // and left bare it reads the same in every tool.
                let inWord =
                    i > 0 && i + 1 < scalars.count && Self.isAlphanumeric(scalars[i - 1])
                    && Self.isAlphanumeric(scalars[i + 1])
                if !inWord { out.append("\\") }
            case "&":
                if looksLikeEntity(scalars[(i + 1)...]) { out.append("\\") }
            case "#":
                // At the start a heading; after a space, possibly a heading's closing run.
                if i == 0 || scalars[i - 1] == " " { out.append("\\") }
            case ">":
                if i == 0 ? lineStart : scalars[i - 1] == " " && Self.endsWord(scalars, after: i, repeating: c) {
                    out.append("\\")
                }
            case "-", "+", "=":
                // A marker, rule or underline only when its run ends the word: `-40` is text.
                if (i == 0 ? lineStart : scalars[i - 1] == " ") && Self.endsWord(scalars, after: i, repeating: c) {
                    out.append("\\")
                }
            case ".", ")":
                // `1.` or `12)` at the start of a line, or as a word of its own.
                var start = i
                while start > 0, ("0"..."9").contains(scalars[start - 1]) { start -= 1 }
                if start < i, i - start <= 9,
                    start == 0
                        ? lineStart && Self.endsWord(scalars, after: i)
                        : scalars[start - 1] == " " && Self.endsWord(scalars, after: i)
                {
                    out.append("\\")
                }
            default:
                break
            }
            out.append(c)
        }
        return String(out)
    }

    /// Whether the character at `i` (and any run of the same `repeating` it) is followed by a
    /// space or the end of the line: `- `, `==`, `3.`, but not `-3` or `a-b`.
    private static func endsWord(_ s: [Unicode.Scalar], after i: Int, repeating c: Unicode.Scalar? = nil) -> Bool {
        var j = i + 1
        if let c { while j < s.count, s[j] == c { j += 1 } }
        return j == s.count || s[j] == " " || s[j] == "\t"
    }

    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// The ASCII bytes that may need a backslash somewhere.
    private static let special: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "\\`*_[]<|~&#>-+=.)".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Escapes text for a place that holds one line (a table cell, a bold label): its lines are
    /// joined with spaces first, so that what is escaped is what the reader will see.
    public static func singleLine(_ text: String, lineStart: Bool = true) -> String {
        inline(
            text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " "),
            lineStart: lineStart)
    }

    /// Escapes text that may hold several lines; each line is escaped on its own and blank
    /// lines are dropped, so the result is one paragraph's lines.
    public static func lines(_ text: String) -> [String] {
        // Answers hold no control characters but line breaks (and, rarely, U+2028 or U+2029).
        let breaks = text.utf8.contains { $0 == 10 || $0 == 13 || $0 == 0xE2 }
        guard breaks,
            text.utf8.contains(where: { $0 == 10 || $0 == 13 }) || text.contains("\u{2028}")
                || text.contains("\u{2029}")
        else {
            let one = inline(text)
            return one.isEmpty ? [] : [one]
        }
        return text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map { inline(String($0)) }
            .filter { !$0.isEmpty }
    }

    private static func looksLikeEntity(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var count = 0
        for c in rest {
            if c == ";" { return count > 0 }
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "#" else { return false }
            count += 1
            if count > 32 { return false }
        }
        return false
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
