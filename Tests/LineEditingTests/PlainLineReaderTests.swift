import Foundation
import LineEditing
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct PlainLineReaderTests {
    /// A reader on an unlinked temporary file that holds `bytes` (a pipe would block on large input).
    func reader(_ bytes: [UInt8], echo: ((String) -> Void)? = nil) -> PlainLineReader {
        var template = Array((NSTemporaryDirectory() + "goalplan-reader-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        lseek(fd, 0, SEEK_SET)
        return PlainLineReader(fileDescriptor: fd, echo: echo)
    }

    @Test func readsLinesCRLFAndALastLineWithoutNewline() {
        let r = reader(Array("one\r\ntwo\n\nZoë".utf8))
        #expect(r.readLine(prompt: "> ") == .line("one"))
        #expect(r.readLine(prompt: "> ") == .line("two"))
        #expect(r.readLine(prompt: "> ") == .line(""))
        #expect(r.readLine(prompt: "> ") == .line("Zoë"))
        #expect(r.readLine(prompt: "> ") == .end)
        #expect(r.readLine(prompt: "> ") == .end)
    }

    @Test func reportsInvalidUTF8InsteadOfDroppingIt() {
        let r = reader(Array("ok\n".utf8) + [0x66, 0xFF, 0x0A] + Array("after\n".utf8))
        #expect(r.readLine(prompt: "") == .line("ok"))
        #expect(r.readLine(prompt: "") == .invalidEncoding)
        #expect(r.readLine(prompt: "") == .line("after"))
    }

    @Test func refusesAHugeLineButKeepsReading() {
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: PlainLineReader.maximumLineBytes + 10)
        let r = reader(huge + Array("\nnext\n".utf8))
        #expect(r.readLine(prompt: "") == .tooLong)
        #expect(r.readLine(prompt: "") == .line("next"))
    }

    @Test func echoesPromptAndLineLikeATerminal() {
        var seen = ""
        let r = reader(Array("Sam\n".utf8)) { seen += $0 }
        _ = r.readLine(prompt: "> ")
        _ = r.readLine(prompt: "> ")
        #expect(seen == "> Sam\n> \n")
    }

    @Test func scriptedReaderPlaysBackAndRecordsPrompts() {
        var seen = ""
        let r = ScriptedLineReader(["a"]) { seen += $0 }
        #expect(r.readLine(prompt: "1> ") == .line("a"))
        #expect(r.readLine(prompt: "2> ") == .end)
        #expect(r.prompts == ["1> ", "2> "])
        #expect(seen == "1> a\n2> ^D\n")
    }
}
