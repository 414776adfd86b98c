/// Plays back a fixed list of inputs, for tests; optionally echoes prompt and line like a terminal.
public final class ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    private let echo: ((String) -> Void)?
    /// Every prompt shown, in order.
    public private(set) var prompts: [String] = []
    /// Lines given to `remember`, in order.
    public private(set) var remembered: [String] = []

    public init(_ lines: [String], echo: ((String) -> Void)? = nil) {
        self.inputs = lines.map { .line($0) }
        self.echo = echo
    }

    public init(inputs: [LineInput], echo: ((String) -> Void)? = nil) {
        self.inputs = inputs
        self.echo = echo
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        guard !inputs.isEmpty else {
            echo?(prompt + "^D\n")
            return .end
        }
        let next = inputs.removeFirst()
        switch next {
        case .line(let text): echo?(prompt + text + "\n")
        case .end: echo?(prompt + "^D\n")
        case .interrupted: echo?(prompt + "^C\n")
        case .invalidEncoding, .tooLong: echo?(prompt + "\u{FFFD}\n")
        }
        return next
    }

    public func remember(_ line: String) {
        remembered.append(line)
    }
}
