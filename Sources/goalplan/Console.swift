import GoalPlanCore

/// Where goalplan's words go: a sink for text, with styling only where it can be seen.
final class Console {
    private let sink: (String) -> Void
    let style: Style

    init(style: Style, sink: @escaping (String) -> Void) {
        self.style = style
        self.sink = sink
    }

    /// Writes to standard output (unbuffered, so nothing is lost on a signal).
    static func standard(environment: [String: String]) -> Console {
        Console(style: Style(enabled: Style.wanted(environment: environment, isTerminal: isatty(1) == 1))) {
            say(1, $0)
        }
    }

    /// Writes to standard error, styled only when standard error is a terminal.
    static func standardError(environment: [String: String]) -> Console {
        Console(style: Style(enabled: Style.wanted(environment: environment, isTerminal: isatty(2) == 1))) {
            say(2, $0)
        }
    }

    func write(_ text: String) { sink(text) }

    func line(_ text: String = "") { sink(text + "\n") }
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
