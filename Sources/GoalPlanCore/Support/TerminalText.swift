import CLineBreak

/// Text laid out for a terminal: how many columns it takes, and lines wrapped to a width at
/// the places Unicode allows a break (UAX #14, from libunibreak), with each character's real
/// width (wcwidth: two columns for CJK and most emoji, none for combining marks) and a
/// grapheme cluster never split. Style sequences (`ESC [ ... m`) take no columns, and a style
/// open at the end of a line is closed there and opened again on the next.
///
/// Pure: the width is passed in, and the answer does not depend on the process's locale.
public enum TerminalText {
    /// The columns `text` takes on a terminal (one line; escape sequences take none).
    public static func width(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return units(of: text).reduce(0) { $0 + $1.width }
    }

    /// Wraps one line of text (no line breaks) to `width` columns. The first line starts with
    /// `text`'s own leading spaces; later lines start with `hanging`. A word longer than a
    /// line is cut between characters. Spaces at the end of a line are dropped.
    public static func wrap(_ text: String, width: Int, hanging: String = "") -> [String] {
        if text.utf8.count <= width, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return [text] }
        var layout = Layout(width: max(width, 1), hanging: hanging)
        let all = units(of: text)
        var start = 0
        for (i, unit) in all.enumerated() where unit.breakAfter || i == all.count - 1 {
            layout.place(all[start...i])
            start = i + 1
        }
        return layout.finish()
    }

    /// Wraps `text` after `indent` (such as `"    • "`); later lines start with `hanging`, or
    /// with as many spaces as the indent is wide.
    public static func wrap(_ text: String, width: Int, indent: String, hanging: String? = nil) -> [String] {
        wrap(indent + text, width: width, hanging: hanging ?? String(repeating: " ", count: self.width(indent)))
    }

    /// Each line of `text` wrapped to `width`, its later lines lined up under its words: after
    /// its leading spaces and a list mark (`- `, `• `, `! `, `1. `, `+2. `, `[x] `) if it
    /// starts with one, or an indented line's one-word label (`  Commands: `).
    public static func wrapLines(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let line = String(line)
            let hang = hangingIndent(of: line)
            // A hanging indent that leaves little room is not worth keeping.
            let room = width - hang >= min(20, width / 2) ? hang : 0
            return wrap(line, width: width, hanging: String(repeating: " ", count: room))
        }
    }

    /// The columns a line's later lines are indented by: its leading spaces and its list mark.
    public static func hangingIndent(of line: String) -> Int {
        let visible = Array(plain(line))
        var i = 0
        while i < visible.count, visible[i] == " " { i += 1 }
        let spaces = i
        func mark(_ length: Int) -> Int? {
            i + length < visible.count && visible[i + length] == " " ? spaces + length + 1 : nil
        }
        guard i < visible.count else { return spaces }
        if ["-", "*", "•", "!", "+"].contains(visible[i]), let n = mark(1) { return n }
        if visible[i] == "[", i + 2 < visible.count, visible[i + 2] == "]", let n = mark(3) { return n }
        var j = i
        if j < visible.count, visible[j] == "+" || visible[j] == "-" { j += 1 }
        let digits = j
        while j < visible.count, visible[j].isASCII, visible[j].isNumber { j += 1 }
        if j > digits, j < visible.count, visible[j] == "." || visible[j] == ")", let n = mark(j - i + 1) { return n }
        // An indented line led by a one-word label ("  Commands: ..."): under the label's text.
        if spaces > 0 {
            var k = i
            while k < visible.count, visible[k].isLetter { k += 1 }
            if k > i, k < visible.count, visible[k] == ":", let n = mark(k - i + 1) { return n }
        }
        return spaces
    }

    /// Flow text as a person reads it on a screen: lines within a paragraph are joined, to be
    /// wrapped again at the terminal's width. Blank lines still separate paragraphs, and lines
    /// that give structure stay lines of their own: list items (`- `, `* `, `• `, `1. `, `1) `),
    /// and indented lines, which continue a list item before them and otherwise stay as written.
    public static func reflow(_ text: String) -> String {
        var out: [String] = []
        var joinable = false
        var inItem = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingSpaces.isEmpty ? "" : trimmingTrailingSpaces(String(raw))
            if line.isEmpty {
                out.append("")
                joinable = false
                inItem = false
                continue
            }
            let indented = line.first == " "
            let trimmed = line.trimmingSpaces
            if isListItem(trimmed) {
                out.append(line)
                joinable = true
                inItem = true
            } else if inItem && indented, !out.isEmpty {
                out[out.count - 1] += " " + trimmed
            } else if indented {
                out.append(line)
                joinable = false
                inItem = false
            } else if joinable && !inItem, !out.isEmpty {
                out[out.count - 1] += " " + trimmed
            } else {
                out.append(line)
                joinable = true
                inItem = false
            }
        }
        while out.last == "" { out.removeLast() }
        while out.first == "" { out.removeFirst() }
        return out.joined(separator: "\n")
    }

    /// Whether a line (without its indent) starts a list item.
    static func isListItem(_ line: String) -> Bool {
        let c = Array(line.prefix(6))
        guard c.count >= 2 else { return false }
        if ["-", "*", "•"].contains(c[0]) && c[1] == " " { return true }
        var i = 0
        while i < c.count, c[i].isASCII, c[i].isNumber { i += 1 }
        return i > 0 && i + 1 < c.count && (c[i] == "." || c[i] == ")") && c[i + 1] == " "
    }

    private static func trimmingTrailingSpaces(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// `text` without its escape sequences.
    public static func plain(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        return String(units(of: text).compactMap { $0.character })
    }

    // MARK: Units

    /// A grapheme cluster with its width, or an escape sequence (no width).
    struct Unit {
        var text: String
        var width: Int
        var isEscape: Bool
        var isSpace: Bool
        /// Whether a line may break after this unit (UAX #14).
        var breakAfter: Bool
        var character: Character? { isEscape ? nil : text.first }
    }

    /// Splits text into grapheme clusters and escape sequences, with widths and the places a
    /// line may break.
    static func units(of text: String) -> [Unit] {
        var units: [Unit] = []
        var scalars: [UInt32] = []
        var lastScalar: [Int] = []  // for each cluster, the index of its last scalar
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if c == "\u{1B}" {
                // ESC [ parameters final: a style (or any control sequence), no width.
                var sequence = String(c)
                if let next = characters.next() {
                    if next == "[" {
                        sequence.append(next)
                        while let p = characters.next() {
                            sequence.append(p)
                            if let v = p.unicodeScalars.first?.value, p.unicodeScalars.count == 1,
                                (0x40...0x7E).contains(v)
                            {
                                break
                            }
                        }
                    } else {
                        pending = next
                    }
                }
                units.append(Unit(text: sequence, width: 0, isEscape: true, isSpace: false, breakAfter: false))
                continue
            }
            scalars += c.unicodeScalars.map(\.value)
            lastScalar.append(scalars.count - 1)
            units.append(Unit(text: String(c), width: 0, isEscape: false, isSpace: c == " ", breakAfter: false))
        }
        guard !scalars.isEmpty else { return units }
        var widths = [Int8](repeating: 0, count: scalars.count)
        var breaks = [CChar](repeating: 2, count: scalars.count)
        scalars.withUnsafeBufferPointer { s in
            widths.withUnsafeMutableBufferPointer { gp_display_widths(s.baseAddress, s.count, $0.baseAddress) }
            breaks.withUnsafeMutableBufferPointer { gp_line_breaks(s.baseAddress, s.count, $0.baseAddress) }
        }
        var cluster = 0
        var first = 0
        for i in units.indices where !units[i].isEscape {
            let last = lastScalar[cluster]
            units[i].width = clusterWidth(scalars[first...last], widths[first...last])
            // A break inside a cluster (libunibreak's older rules allow one in an emoji
            // sequence) is never taken: only the break after its last code point counts.
            units[i].breakAfter = breaks[last] == 0 || breaks[last] == 1
            first = last + 1
            cluster += 1
        }
        return units
    }

    /// The columns a grapheme cluster takes: its widest code point (a letter with accents is
    /// one column, a Hangul syllable of jamo two); an emoji asked for in color (U+FE0F) or a
    /// flag (two regional indicators) two.
    static func clusterWidth(_ scalars: ArraySlice<UInt32>, _ widths: ArraySlice<Int8>) -> Int {
        let widest = Int(widths.max() ?? 0)
        if scalars.count == 1 { return max(widest, 0) }
        if scalars.contains(0xFE0F) { return 2 }
        if scalars.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0) }) { return 2 }
        return min(max(widest, 0), 2)
    }

    // MARK: Filling lines

    /// Lines being filled, one piece (the text up to a break opportunity) at a time.
    struct Layout {
        let width: Int
        let hanging: [Unit]
        var lines: [String] = []
        var line: [Unit] = []
        var lineWidth = 0
        /// Whether the line holds a character that is not a space (beyond its indent).
        var hasContent = false
        /// The style sequences in force, to close at a line's end and open on the next.
        var styles: [String] = []

        init(width: Int, hanging: String) {
            self.width = width
            self.hanging = TerminalText.units(of: hanging)
        }

        mutating func place(_ piece: ArraySlice<Unit>) {
            var end = piece.endIndex
            while end > piece.startIndex, piece[end - 1].isSpace || piece[end - 1].isEscape { end -= 1 }
            let wordWidth = piece[piece.startIndex..<end].reduce(0) { $0 + $1.width }
            if hasContent && lineWidth + wordWidth > width { newLine() }
            if lineWidth + wordWidth <= width || !piece.contains(where: { !$0.isSpace && !$0.isEscape }) {
                piece.forEach { append($0) }
                return
            }
            // Longer than a line (an address, say): cut between characters.
            for unit in piece {
                if hasContent && !unit.isEscape && !unit.isSpace && lineWidth + unit.width > width { newLine() }
                append(unit)
            }
        }

        mutating func append(_ unit: Unit) {
            line.append(unit)
            lineWidth += unit.width
            if unit.isEscape {
                if unit.text == "\u{1B}[0m" || unit.text == "\u{1B}[m" {
                    styles = []
                } else if unit.text.hasPrefix("\u{1B}["), unit.text.hasSuffix("m"),
                    unit.text.dropFirst(2).dropLast().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") })
                {
                    styles.append(unit.text)
                }
            } else if !unit.isSpace {
                hasContent = true
            }
        }

        mutating func newLine() {
            flush()
            line = []
            lineWidth = 0
            hasContent = false
            let open = styles
            styles = []
            hanging.forEach { append($0) }
            hasContent = false
            open.forEach { append(Unit(text: $0, width: 0, isEscape: true, isSpace: false, breakAfter: false)) }
        }

        /// Ends the line: spaces at its end dropped (its styles kept); a style left open is
        /// closed when another line follows.
        mutating func flush(closing: Bool = true) {
            var kept = line
            var i = kept.count
            while i > 0, kept[i - 1].isSpace || kept[i - 1].isEscape {
                if kept[i - 1].isSpace { kept.remove(at: i - 1) }
                i -= 1
            }
            var text = kept.map(\.text).joined()
            if closing && !styles.isEmpty { text += "\u{1B}[0m" }
            lines.append(text)
        }

        mutating func finish() -> [String] {
            flush(closing: false)
            return lines
        }
    }
}
