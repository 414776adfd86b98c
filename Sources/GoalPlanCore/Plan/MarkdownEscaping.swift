/// Makes a person's text safe inside Markdown: it always reads back as the literal text typed,
/// and can never add a heading, list, table, link, HTML or rule to the document.
public enum MarkdownEscaping {
    /// Escapes one line of text for use inside a paragraph, list item, heading or table cell.
    ///
    /// Characters with meaning anywhere in a line are backslash-escaped everywhere; characters
    /// that only matter at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`) only there.
    public static func inline(_ line: String) -> String {
        let text = line.trimmingSpaces
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", "|", "~":
                out.append("\\")
            case "&":
                if looksLikeEntity(characters[(i + 1)...]) { out.append("\\") }
            case "#":
                // At the start a heading; after a space, possibly a heading's closing run.
                if i == 0 || characters[i - 1] == " " { out.append("\\") }
            case ">", "-", "+", "=":
                if i == 0 { out.append("\\") }
            case ".", ")":
                if i > 0, i <= 9, characters[0..<i].allSatisfy(\.isASCIIDigit) { out.append("\\") }
            default:
                break
            }
            out.append(c)
        }
        return out
    }

    /// Escapes text that may hold several lines; each line is escaped on its own and blank
    /// lines are dropped, so the result is one paragraph's lines.
    public static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map { inline(String($0)) }
            .filter { !$0.isEmpty }
    }

    private static func looksLikeEntity(_ rest: ArraySlice<Character>) -> Bool {
        var count = 0
        for c in rest {
            if c == ";" { return count > 0 }
            guard c.isASCII, c.isLetter || c.isNumber || c == "#" else { return false }
            count += 1
            if count > 32 { return false }
        }
        return false
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
