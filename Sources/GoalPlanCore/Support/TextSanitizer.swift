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
