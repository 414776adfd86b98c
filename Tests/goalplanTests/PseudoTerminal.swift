import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process on a pseudo-terminal of its own, driven like a person at a keyboard.
final class PseudoTerminal {
    let master: Int32
    /// The terminal side, kept open to read its modes after the child is gone.
    let slave: Int32
    let pid: pid_t
    private(set) var screen = ""

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` in a new session whose controlling terminal is a new pty.
    init(
        _ executable: String, _ arguments: [String], folder: String, environment: [String: String],
        columns: Int = 100, rows: Int = 40
    ) throws {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var m: Int32 = -1
        var s: Int32 = -1
        let child = gp_pty_spawn_sized(executable, argv, envp, folder, Int32(columns), Int32(rows), &m, &s)
        guard child > 0 else {
            throw Failure(description: "cannot start \(executable) on a pty: \(String(cString: strerror(errno)))")
        }
        (pid, master, slave) = (child, m, s)
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
        close(master)
        close(slave)
    }

    /// Resizes the terminal, as dragging its window does: the program gets SIGWINCH.
    func resize(columns: Int, rows: Int = 40) {
        gp_pty_resize(master, Int32(columns), Int32(rows))
    }

    /// Waits until the program reads keys and has printed nothing for `quiet` seconds: it is
    /// waiting at a prompt.
    func settle(quiet: Double = 0.15, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last = screen.utf8.count
        var still = Date()
        while Date() < deadline {
            pump(timeoutMilliseconds: 20)
            if screen.utf8.count != last {
                last = screen.utf8.count
                still = Date()
            } else if Date().timeIntervalSince(still) >= quiet, gp_pty_is_cooked(slave) == 0 {
                return
            }
        }
        throw Failure(description: "the program never settled at a prompt; the screen was:\n\(screen)")
    }

    /// The screen's lines as a person sees them, roughly: escape sequences taken out, and a
    /// carriage return or backspace going back over the line (as the line editor redraws
    /// it), so each line holds what was left on it.
    var lines: [String] {
        var lines: [String] = []
        var line: [Character] = []
        var column = 0
        var chars = screen.makeIterator()
        while let c = chars.next() {
            switch c {
            case "\u{1B}":
                guard let next = chars.next() else { break }
                if next == "[" {
                    var final: Character = " "
                    while let p = chars.next() {
                        if let v = p.unicodeScalars.first?.value, (0x40...0x7E).contains(v) {
                            final = p
                            break
                        }
                    }
                    // Erase to the end of the line.
                    if final == "K", column < line.count { line.removeSubrange(column...) }
                } else if next == "]" {
                    while let p = chars.next(), p != "\u{07}", p != "\u{1B}" {}
                }
            case "\r": column = 0
            case "\r\n", "\n":
                lines.append(String(line))
                line = []
                column = 0
            case "\u{08}": column = max(0, column - 1)
            case "\u{07}": continue
            default:
                if column < line.count { line[column] = c } else { line.append(c) }
                column += 1
            }
        }
        lines.append(String(line))
        return lines
    }

    /// Types bytes as keystrokes, once libedit is reading keys.
    func type(_ keys: String) {
        try? waitForRawMode()
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Types raw bytes, such as ones that are not UTF-8.
    func typeBytes(_ bytes: [UInt8]) {
        try? waitForRawMode()
        typeInLineMode(bytes)
    }

    /// Types bytes at once, for a terminal left in its own line mode (a shell's `read`).
    func typeInLineMode(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads the screen until `text` appears after `offset`, or fails after `seconds`.
    @discardableResult
    func waitFor(_ text: String, after offset: String.Index? = nil, seconds: Double = 10) throws -> String.Index {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let start = offset ?? screen.startIndex
            if let found = screen.range(of: text, range: start..<screen.endIndex) { return found.upperBound }
            guard Date() < deadline else {
                throw Failure(description: "'\(text)' did not appear; the screen was:\n\(screen)")
            }
            pump(timeoutMilliseconds: 100)
        }
    }

    /// Reads the screen until any of `texts` appears after `offset`; returns the end of the
    /// first one found.
    @discardableResult
    func waitFor(anyOf texts: [String], after offset: String.Index? = nil, seconds: Double = 10) throws
        -> String.Index
    {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let start = offset ?? screen.startIndex
            let found = texts.compactMap { screen.range(of: $0, range: start..<screen.endIndex) }
            if let first = found.min(by: { $0.lowerBound < $1.lowerBound }) { return first.upperBound }
            guard Date() < deadline else {
                throw Failure(description: "none of \(texts) appeared; the screen was:\n\(screen)")
            }
            pump(timeoutMilliseconds: 100)
        }
    }

    /// Waits for the child to exit and returns its status, reading the screen meanwhile.
    func waitForExit(seconds: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            pump(timeoutMilliseconds: 50)
            if waitpid(pid, &status, WNOHANG) == pid {
                pump(timeoutMilliseconds: 50)
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
        throw Failure(description: "the program did not exit; the screen was:\n\(screen)")
    }

    private func pump(timeoutMilliseconds: Int32) {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n > 0 { screen += String(decoding: buffer[0..<n], as: UTF8.self) }
    }

    /// Waits until the program has the terminal in raw mode (libedit reading keys), so that
    /// keys typed next reach the line editor and not the terminal's own line buffer.
    func waitForRawMode(seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while gp_pty_is_cooked(slave) != 0 {
            guard Date() < deadline else { throw Failure(description: "the terminal never left line mode") }
            usleep(2_000)
        }
    }

    /// Whether the terminal is back in its normal line mode with echo on.
    var isInCookedModeWithEcho: Bool {
        gp_pty_is_cooked(slave) == 1
    }
}
