/// Small pieces of text handling every layer shares: trimming, and yes or no.

extension String {
    /// The string without leading and trailing white space.
    public var trimmingSpaces: String {
        // Most text starts and ends with a visible ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 32, first < 128, last > 32, last < 128 { return self }
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.value == 32 || ((c.value < 32 || c.value > 127) && c.properties.isWhitespace)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The string without trailing white space (a line of a long answer keeps its indent).
    public var trimmingTrailingSpaces: String {
        String(self[..<(lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? startIndex)])
    }
}

/// Yes or no, as typed at a prompt, in an answers file, or in a flow's condition.
public enum YesNo {
    /// `y`/`yes` (or Spanish `sí`, `si`) is true and `n`/`no` false, in any case and with
    /// spaces around; anything else is not an answer.
    public static func parse(_ text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        // "sí" however its accent is encoded: Swift compares canonically equivalent text as equal.
        case "y", "yes", "sí", "si": true
        case "n", "no": false
        default: nil
        }
    }

    /// The word for `value` in English, as a flow's conditions compare it (never translated:
    /// it is read back).
    public static func word(_ value: Bool) -> String { value ? "yes" : "no" }

    /// The word for `value` in the person's language, as they would type it again at the
    /// prompt: a word `parse` takes (`sí`, `no`).
    public static func typed(_ value: Bool) -> String {
        value ? tr("yes", context: "typed answer") : tr("no", context: "typed answer")
    }

    /// What to say when something else was typed.
    public static var askAgain: String { tr("Please answer yes or no (y or n).") }
}
