import CEditLine

/// Reads lines from a terminal through libedit: emacs keys (or vi from ~/.editrc), in-memory
/// history, UTF-8 editing, and a terminal restored on signals.
public final class EditLineReader: LineReader {
    private let editor: OpaquePointer

    /// Opens libedit on the standard streams; nil if it cannot start.
    public init?(program: String = "goalplan", historySize: Int = 200) {
        gp_setlocale_utf8()
        guard let editor = gp_editor_open(program, Int32(historySize)) else { return nil }
        self.editor = editor
    }

    deinit {
        gp_editor_close(editor)
    }

    /// Called when the terminal's width changed while a read waited, with the cursor at the
    /// start of a new line: to show again, at the new width, what the prompt is about. The
    /// read then goes on with the line as it was typed. Nil leaves the reads alone.
    public var onResize: (() -> Void)? {
        didSet { gp_end_reads_on_resize(onResize == nil ? 0 : 1) }
    }

    /// Called when a read has ended, whatever it read.
    public var onReadEnd: (() -> Void)?

    public func readLine(prompt: String) -> LineInput {
        defer { onReadEnd?() }
        while true {
            if let input = readOnce(prompt: prompt) { return input }
        }
    }

    /// One read; nil when a new width ended it and it is to be read again.
    private func readOnce(prompt: String) -> LineInput? {
        // A Ctrl-C pressed between two reads counts for this one.
        if gp_take_interrupt() != 0 { return .interrupted }
        var count: Int32 = 0
        errno = 0
        guard let raw = gp_editor_gets(editor, prompt, &count) else {
            if let typed = gp_take_resized_line() {
                let line = String(cString: typed)
                free(typed)
                write(1, "\n", 1)
                onResize?()
                if !line.isEmpty { prefill(line) }
                return nil
            }
            // Ctrl-C on an empty line, or a SIGINT from elsewhere, rather than Ctrl-D.
            return gp_take_interrupt() != 0 || (count < 0 && errno == EINTR) ? .interrupted : .end
        }
        _ = gp_take_interrupt()
        let bytes = UnsafeRawBufferPointer(start: raw, count: Int(strlen(raw)))
        // The key reader turns bytes that are not UTF-8 into U+FFFD: report them, as a pipe does.
        let line = decodeLine(bytes)
        if case .line(let text) = line, text.unicodeScalars.contains("\u{FFFD}") { return .invalidEncoding }
        return line
    }

    public func remember(_ line: String) {
        gp_editor_history_enter(editor, line)
    }

    public func setCompletions(_ words: [String]) {
        if words.isEmpty {
            gp_editor_set_completions(editor, nil)
            return
        }
        var pointers: [UnsafePointer<CChar>?] = words.map { UnsafePointer(strdup($0)) }
        pointers.append(nil)
        pointers.withUnsafeBufferPointer { gp_editor_set_completions(editor, $0.baseAddress) }
        for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) }
    }

    public func prefill(_ text: String) {
        gp_editor_push(editor, text)
    }

    public var canPrefill: Bool { true }

    public func discardTypedAhead() -> Bool {
        gp_discard_typed_ahead() > 0
    }
}
