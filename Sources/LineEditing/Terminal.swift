import CEditLine

/// Facts about the process's standard streams.
public enum Terminal {
    /// Whether standard input is a terminal a person types at.
    public static var inputIsTerminal: Bool { isatty(0) == 1 }

    /// Whether standard output is a terminal.
    public static var outputIsTerminal: Bool { isatty(1) == 1 }

    /// The width of the terminal on standard output, or nil when it is not a terminal.
    public static var outputWidth: Int? {
        let width = Int(gp_terminal_width(1))
        return width > 0 ? width : nil
    }

    /// The columns to lay text out in for the stream `fd`: the terminal's width, read now
    /// (so a resized terminal is followed), else `COLUMNS`, else 80.
    public static func columns(of fd: Int32, environment: [String: String]) -> Int {
        let width = Int(gp_terminal_width(fd))
        if width > 0 { return width }
        if let given = environment["COLUMNS"].flatMap({ Int($0) }), given > 0 { return given }
        return 80
    }

    /// Makes Ctrl-C interrupt a read (which then returns `.interrupted`) instead of ending
    /// the process, so the program can ask before stopping.
    public static func catchInterrupts() {
        gp_catch_interrupts()
        gp_catch_signals()
    }

    /// The reader that fits standard input: libedit on a terminal, plain lines otherwise.
    public static func makeReader(echo: @escaping (String) -> Void) -> LineReader {
        if inputIsTerminal, let editor = EditLineReader() {
            return editor
        }
        return PlainLineReader(fileDescriptor: 0, echo: echo)
    }
}
