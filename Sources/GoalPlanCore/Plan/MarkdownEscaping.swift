/// Makes a person's text safe inside Markdown: it always reads back as the literal text typed,
/// and can never add a heading, list, table, link, HTML or rule to the document.
public enum MarkdownEscaping {
    /// Escapes one line of text for use inside a paragraph, list item, heading or table cell.
    ///
    /// Characters with meaning anywhere in a line are backslash-escaped everywhere; characters
    /// that only matter at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`) only there.
    public static func inline(_ line: String) -> String {
        let text = line.trimmingSpaces
        // Most text needs no escape at all.
        if !text.utf8.contains(where: { Self.special[Int($0)] }) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", "|", "~":
                out.append("\\")
            case "&":
                if looksLikeEntity(scalars[(i + 1)...]) { out.append("\\") }
            case "#":
                // At the start a heading; after a space, possibly a heading's closing run.
                if i == 0 || scalars[i - 1] == " " { out.append("\\") }
            case ">", "-", "+", "=":
                if i == 0 { out.append("\\") }
            case ".", ")":
                if i > 0, i <= 9, scalars[0..<i].allSatisfy({ ("0"..."9").contains($0) }) { out.append("\\") }
            default:
                break
            }
            out.append(c)
        }
        return String(out)
    }

    /// The ASCII bytes that may need a backslash somewhere.
    private static let special: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "\\`*_[]<|~&#>-+=.)".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Escapes text for a place that holds one line (a table cell, a bold label): its lines are
    /// joined with spaces first, so that what is escaped is what the reader will see.
    public static func singleLine(_ text: String) -> String {
        inline(text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).joined(separator: " "))
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
