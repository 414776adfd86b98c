import CEditLine

/// Reads lines from a file descriptor that is not a terminal, such as a pipe.
///
/// The prompt and the line read are written to `echo`, when given, so that the output of a
/// piped run reads like the same run typed at a terminal.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    private let echo: ((String) -> Void)?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var interruptedRead = false

    /// The longest line kept; longer input is still consumed to its end, then refused.
    public static let maximumLineBytes = 1 << 20

    public init(fileDescriptor: Int32 = 0, echo: ((String) -> Void)? = nil) {
        self.fd = fileDescriptor
        self.echo = echo
    }

    public func readLine(prompt: String) -> LineInput {
        let input = nextLine()
        switch input {
        case .line(let text): echo?(prompt + text + "\n")
        case .end, .interrupted: echo?(prompt + "\n")
        case .invalidEncoding, .tooLong: echo?(prompt + "\u{FFFD}\n")
        }
        return input
    }

    private func nextLine() -> LineInput {
        if gp_take_interrupt() != 0 { return .interrupted }
        var line: [UInt8] = []
        var overlong = false
        while true {
            if start < buffer.count {
                if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    append(buffer[start..<newline], to: &line, overlong: &overlong)
                    start = newline + 1
                    return finish(line, overlong: overlong)
                }
                append(buffer[start...], to: &line, overlong: &overlong)
                start = buffer.count
            }
            if interruptedRead {
                interruptedRead = false
                return .interrupted
            }
            if atEnd {
                return line.isEmpty && !overlong ? .end : finish(line, overlong: overlong)
            }
            fill()
        }
    }

    private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], overlong: inout Bool) {
        if line.count + bytes.count > Self.maximumLineBytes {
            overlong = true
            return
        }
        line.append(contentsOf: bytes)
    }

    private func finish(_ line: [UInt8], overlong: Bool) -> LineInput {
        overlong ? .tooLong : decodeLine(line)
    }

    private func fill() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return
            }
            if n < 0 && errno == EINTR {
                if gp_take_interrupt() != 0 {
                    interruptedRead = true
                    return
                }
                continue
            }
            atEnd = true
            return
        }
    }
}
