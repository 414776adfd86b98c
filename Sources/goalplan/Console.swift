import GoalPlanCore
import LineEditing

/// Where goalplan's words go: a sink for text, with styling only where it can be seen, each
/// line wrapped to the terminal's width (read again for every line, so a resized terminal is
/// followed), and in plain mode, words a screen reader reads well instead of symbols.
final class Console {
    private let sink: (String) -> Void
    let style: Style
    /// Whether to write for a screen reader or a terminal that draws nothing: no color, no
    /// rules or bullets, words instead of symbols, choices one a line as "Option 1: ...".
    let plain: Bool
    /// The columns to wrap to, now.
    private let columns: () -> Int

    init(style: Style, plain: Bool = false, columns: @escaping () -> Int = { 80 }, sink: @escaping (String) -> Void) {
        self.style = plain ? Style(enabled: false) : style
        self.plain = plain
        self.columns = columns
        self.sink = sink
    }

    /// Writes to standard output (unbuffered, so nothing is lost on a signal).
    static func standard(environment: [String: String], plain: Bool = false) -> Console {
        Console(
            style: Style(enabled: Style.wanted(environment: environment, isTerminal: isatty(1) == 1)),
            plain: plain || PlainWords.wanted(environment: environment),
            columns: { Terminal.columns(of: 1, environment: environment) }
        ) { say(1, $0) }
    }

    /// Writes to standard error, styled only when standard error is a terminal.
    static func standardError(environment: [String: String], plain: Bool = false) -> Console {
        Console(
            style: Style(enabled: Style.wanted(environment: environment, isTerminal: isatty(2) == 1)),
            plain: plain || PlainWords.wanted(environment: environment),
            columns: { Terminal.columns(of: 2, environment: environment) }
        ) { say(2, $0) }
    }

    /// The width lines are wrapped to now: at least 20 columns.
    var width: Int { max(columns(), 20) }

    /// Writes text as it is: not wrapped, nothing changed (a plan shown in full, an echo).
    func write(_ text: String) { sink(text) }

    /// Writes lines of text, each wrapped to the terminal's width at word boundaries, its
    /// later lines indented under its words (after its indent and any "1." or "!" mark).
    func line(_ text: String = "") {
        let words = plain ? PlainWords.line(text) : text
        if afterRead {
            // A blank line after an answer starts the next question's lines.
            afterRead = false
            if text.isEmpty { shown = [] }
        }
        shown.append(words)
        if shown.count > 400 { shown.removeFirst(shown.count - 400) }
        sink(wrapped(words))
    }

    private func wrapped(_ text: String) -> String {
        TerminalText.wrapLines(text, width: width).joined(separator: "\n") + "\n"
    }

    /// The lines written since the question now asked began (its words, choices, hints, and
    /// any warnings since), to show again when the terminal's width changes.
    private var shown: [String] = []
    private var afterRead = false

    /// Says that a read at the prompt has ended.
    func readEnded() { afterRead = true }

    /// Writes again, at the terminal's width now, the lines of the question being asked.
    func showAgain() {
        sink("\n")
        for text in shown.drop(while: \.isEmpty) { sink(wrapped(text)) }
    }

    /// A choice in a list, as `1. Label`: indented, or in plain mode `Option 1: Label`.
    func choice(_ text: String) {
        line("  " + (plain ? PlainWords.choice(text) : text))
    }
}

/// Symbols turned into words for plain mode, where a screen reader reads each line aloud:
/// rules, bullets and separators it would read as noise ("box drawings heavy horizontal",
/// "middle dot") become commas or nothing.
enum PlainWords {
    /// Plain mode without asking: on a terminal that draws nothing (`TERM=dumb`), as Emacs
    /// shells and some screen-reader set-ups are.
    static func wanted(environment: [String: String]) -> Bool {
        environment["TERM"] == "dumb"
    }

    static func line(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { words(String($0)) }
            .joined(separator: "\n")
    }

    static func words(_ line: String) -> String {
        var s = line
        for rule in ["━━", "──"] where s.contains(rule) {
            s = s.replacing(rule + " ", with: "").replacing(" " + rule, with: "").replacing(rule, with: "")
        }
        s = s.replacing(" · ", with: ", ").replacing(" → ", with: tr(", then ", context: "plain mode, said for →"))
        // The marks as the current language writes them, and as English does.
        for mark in Set(["[y/N]", tr("[y/N]")]) { s = s.replacing(mark, with: tr("(y or n; Enter means no)")) }
        for mark in Set(["[Y/n]", tr("[Y/n]")]) { s = s.replacing(mark, with: tr("(y or n; Enter means yes)")) }
        // A default shown in brackets at a question's end: "(Enter means in 2 weeks)".
        if s.hasSuffix("]"), let open = s.ranges(of: " [").last, !s[open.upperBound...].dropLast().contains("]") {
            s = s[..<open.lowerBound] + tr(" (Enter means \(s[open.upperBound...].dropLast()))")
        }
        s = s.replacing("• ", with: "")
        return s.replacing("·", with: ",").replacing("•", with: "").replacing(
            "→", with: tr("to", context: "plain mode, said for → alone"))
    }

    /// `1. Label` (or `+2. Label`, or a label starting with its own number: `2 More than half
    /// the days`) as `Option 1: Label`, so the number is said as what to type.
    static func choice(_ text: String) -> String {
        var chars = Substring(text)
        var number = ""
        if let first = chars.first, first == "+" || first == "-" {
            number.append(first)
            chars = chars.dropFirst()
        }
        while let c = chars.first, c.isASCII, c.isNumber {
            number.append(c)
            chars = chars.dropFirst()
        }
        guard number.contains(where: \.isNumber) else { return tr("Option: \(words(text))") }
        if chars.hasPrefix(". ") {
            chars = chars.dropFirst(2)
        } else if chars.hasPrefix(" ") {
            chars = chars.dropFirst()
        }
        return tr("Option \(number): \(words(String(chars)))")
    }
}

/// Writes text meant for a person: anything that could drive a terminal is taken out first
/// (`TextSanitizer.forDisplay`), whatever it came from: a flow, a plan, a file name.
func say(_ fd: Int32, _ text: String) {
    writeAll(fd, TextSanitizer.forDisplay(text))
}

/// The errno of the first write to standard output or error that failed, if one did.
nonisolated(unsafe) var outputFailure: (fd: Int32, code: Int32)?

/// Writes every byte of `text` to a file descriptor, retrying after interruptions. A write
/// that fails (a full disk, a closed pipe) is remembered, so the command can end saying so.
func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
            if outputFailure == nil { outputFailure = (fd, n < 0 ? errno : EIO) }
            return
        }
        bytes = bytes.dropFirst(n)
    }
}

/// The executable's name for the one set of terminal styles.
typealias Style = TerminalStyle

/// Words for a person to type at a shell prompt.
enum Shell {
    /// `path` as one shell word: as it is when it holds only safe characters, else in single
    /// quotes (a quote inside written as '\'').
    static func quoted(_ word: String) -> String {
        let safe =
            !word.isEmpty
            && word.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || "/._-+,:@%".utf8.contains(b)
            }
        return safe
            ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
