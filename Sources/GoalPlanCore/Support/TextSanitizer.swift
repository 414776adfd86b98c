/// Cleans text a person typed before it is echoed, stored or written.
///
/// Removes what could change a terminal or hide text: control characters (C0, DEL, C1),
/// whole escape sequences, and the Unicode controls that reorder text (bidirectional overrides
/// and isolates). Tabs become spaces. Everything else, emoji and right-to-left letters
/// included, is kept as typed.
public enum TextSanitizer {
    /// The longest answer accepted, in UTF-8 bytes.
    public static let maximumAnswerBytes = 64 * 1024

    public static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            switch s.value {
            case 0x09:
                out.append(" ")
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B:  // C1 CSI
                skipControlSequence(&scalars)
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                continue
            default:
                out.append(s)
            }
        }
        return String(out)
    }

    /// Makes text safe to print to a terminal: what `clean` removes is removed, line breaks
    /// stay, and of escape sequences only goalplan's own styles survive (bold, dim, two
    /// colors, reset), so no flow, plan or file name can set a title, move the cursor, write
    /// to the clipboard, make a link or reorder text.
    public static func forDisplay(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsCare) else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i].value
            if c == 0x1B, let style = ownStyle(s, at: i) {
                out.append(contentsOf: s[i..<(i + style)])
                i += style
            } else if c == 0x0A {
                out.append(s[i])
                i += 1
            } else if c == 0x09 {
                out.append(" ")
                i += 1
            } else if c == 0x1B {
                i = afterEscape(s, i)
            } else if c == 0x9B {
                i = afterControlSequence(s, i + 1)
            } else if [0x90, 0x98, 0x9D, 0x9E, 0x9F].contains(c) {
                i = afterString(s, i + 1)
            } else if needsCare(s[i]) {
                i += 1
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Where an escape sequence starting at `i` (an ESC) ends.
    private static func afterEscape(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i + 1 < s.count else { return s.count }
        switch s[i + 1] {
        case "[": return afterControlSequence(s, i + 2)
        case "]", "P", "X", "^", "_": return afterString(s, i + 2)
        default: return i + 2
        }
    }

    private static func afterControlSequence(_ s: [Unicode.Scalar], _ from: Int) -> Int {
        var j = from
        while j < s.count {
            if (0x40...0x7E).contains(s[j].value) { return j + 1 }
            j += 1
        }
        return s.count
    }

    /// An OSC, DCS or similar string: up to BEL, ST (0x9C) or ESC \.
    private static func afterString(_ s: [Unicode.Scalar], _ from: Int) -> Int {
        var j = from
        while j < s.count {
            switch s[j].value {
            case 0x07, 0x9C: return j + 1
            case 0x1B: return min(j + 2, s.count)
            default: j += 1
            }
        }
        return s.count
    }

    /// Whether a character is one `forDisplay` takes out (a tab or line break is not).
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value != 0x09 && needsCare(s)
    }

    private static func needsCare(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x09, 0x0B...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }

    /// The length of one of goalplan's own style sequences at `i`, if one starts there.
    private static func ownStyle(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        for style in TerminalStyle.sequences {
            let u = Array(style.unicodeScalars)
            if i + u.count <= s.count && Array(s[i..<(i + u.count)]) == u { return u.count }
        }
        return nil
    }

    /// Skips what follows an ESC: a CSI (`ESC [ ... final`), an OSC/DCS string up to its
    /// terminator, or a single character.
    private static func skipEscapeSequence(_ it: inout String.UnicodeScalarView.Iterator) {
        guard let next = it.next() else { return }
        switch next {
        case "[":
            skipControlSequence(&it)
        case "]", "P", "X", "^", "_":
            // String sequences end with BEL or ESC \.
            while let s = it.next() {
                if s.value == 0x07 { return }
                if s.value == 0x1B {
                    _ = it.next()
                    return
                }
            }
        default:
            return
        }
    }

    private static func skipControlSequence(_ it: inout String.UnicodeScalarView.Iterator) {
        while let s = it.next() {
            if (0x40...0x7E).contains(s.value) { return }
        }
    }
}
