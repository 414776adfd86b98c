/// What one attempt to read a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line, without its line ending.
    case line(String)
    /// The input ended (Ctrl-D on an empty line, or the end of a pipe).
    case end
    /// Ctrl-C (SIGINT) arrived while reading.
    case interrupted
    /// The line held bytes that are not valid UTF-8; they are not passed on.
    case invalidEncoding
    /// The line was longer than the reader keeps; it was read to its end and dropped.
    case tooLong
}

/// Something that reads answers one line at a time: a terminal, a pipe, or a script in tests.
public protocol LineReader: AnyObject {
    /// Reads one line after showing `prompt`.
    func readLine(prompt: String) -> LineInput

    /// Remembers a line so that Up and Ctrl-R can recall it in this session.
    func remember(_ line: String)

    /// The words that Tab completes at the next read; an empty list turns completion off.
    func setCompletions(_ words: [String])

    /// Starts the next read with `text` already typed, so it can be edited.
    func prefill(_ text: String)

    /// Whether `prefill` puts text on the line (a terminal), or does nothing (a pipe).
    var canPrefill: Bool { get }

    /// Drops what a person typed or pasted ahead that has not been read yet (a terminal);
    /// returns whether there was any. A pipe keeps its lines: they are the next answers.
    func discardTypedAhead() -> Bool
}

extension LineReader {
    public func remember(_ line: String) {}
    public func setCompletions(_ words: [String]) {}
    public func prefill(_ text: String) {}
    public var canPrefill: Bool { false }
    public func discardTypedAhead() -> Bool { false }
}

/// Decodes a line's bytes, refusing invalid UTF-8 rather than dropping or replacing bytes.
func decodeLine<Bytes: Collection>(_ bytes: Bytes) -> LineInput where Bytes.Element == UInt8 {
    var trimmed = Array(bytes)
    if trimmed.last == UInt8(ascii: "\n") { trimmed.removeLast() }
    if trimmed.last == UInt8(ascii: "\r") { trimmed.removeLast() }
    guard let text = String(validating: trimmed, as: UTF8.self) else { return .invalidEncoding }
    return .line(text)
}
