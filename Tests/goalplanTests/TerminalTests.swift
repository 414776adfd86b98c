import Foundation
import Testing

/// The real libedit reader, driven through a pseudo-terminal as a person would drive it.
@Suite(.serialized) struct TerminalTests {
    /// Starts a flow of the test fixtures (`echo` unless said) on a pseudo-terminal.
    func start(
        _ folder: String, flow: String = "echo", extra: [String] = [], environment: [String: String] = [:]
    ) throws -> PseudoTerminal {
        try PseudoTerminal(
            Here.binary, ["start", flow, "--prompts", Here.fixtures, "--out", "plan.md"] + extra,
            folder: folder,
            environment: [
                "TERM": "xterm", "HOME": folder, "TMPDIR": folder + "/tmp", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                "NO_COLOR": "1",
            ].merging(environment) { $1 })
    }

    /// Presses Enter at the last review and expects a clean exit.
    func finish(_ tty: PseudoTerminal, after seen: String.Index) throws {
        _ = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
    }

    @Test func editsUTF8RecallsHistoryAndRestoresTheTerminal() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("First?")
        seen = try tty.waitFor("> ", after: seen)
        // A multi-byte character, Backspace over it, Ctrl-A and a character at the start.
        tty.type("café")
        tty.type("\u{7F}")
        tty.type("\u{01}X\r")
        seen = try tty.waitFor("Second?", after: seen)
        seen = try tty.waitFor("> ", after: seen)
        // Up recalls the previous answer.
        tty.type("\u{1B}[A\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\nXcaf\n"))
        #expect(plan.contains("**Second?**\n\nXcaf\n"))
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test func tabCompletesCommandsAndCtrlCAsksBeforeStopping() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("> ")
        // ":he" is not a command; only Tab completing it to ":help" brings up the help.
        tty.type(":he\t")
        seen = try tty.waitFor("lp", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("There is no extra guidance for this question.", after: seen)
        seen = try tty.waitFor("> ", after: seen)
        // Ctrl-C on a line with text clears it; on an empty line it asks whether to stop.
        tty.type("half an answer")
        seen = try tty.waitFor("half an answer", after: seen)
        tty.type("\u{03}")
        tty.type("\u{03}")
        seen = try tty.waitFor("Stop now?", after: seen)
        tty.type("y\r")
        #expect(try tty.waitForExit() == 130)
        #expect(tty.screen.contains("goalplan: stopped. Nothing was written."))
        #expect(!FileManager.default.fileExists(atPath: folder + "/plan.md"))
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test func aSignalAtAPromptAsksBeforeStopping() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("First?")
        seen = try tty.waitFor("> ", after: seen)
        // SIGINT from outside, as when Ctrl-C lands while the terminal is between modes.
        kill(tty.pid, SIGINT)
        seen = try tty.waitFor("Stop now?", after: seen)
        tty.type("n\r")
        seen = try tty.waitFor("Carrying on.", after: seen)
        tty.type("still here\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\nstill here\n"))
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test func stoppingKeepsADraftThatTheNextRunOffersToResume() throws {
        let folder = try Here.temporaryFolder()
        var tty = try start(folder)
        var seen = try tty.waitFor("First?")
        tty.type("a canary answer 7f3e\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\u{03}")
        seen = try tty.waitFor("Stop now? Your answers so far are kept in a draft.", after: seen)
        tty.type("y\r")
        #expect(try tty.waitForExit() == 130)
        #expect(tty.screen.contains("Your answers so far are kept in a draft"))
        #expect(tty.isInCookedModeWithEcho)
        let drafts = folder + "/.local/state/goalplan"
        let files = try FileManager.default.contentsOfDirectory(atPath: drafts)
        #expect(files.count == 1)
        let draft = try String(contentsOfFile: drafts + "/" + files[0], encoding: .utf8)
        #expect(draft.contains("a canary answer 7f3e"))
        // Stopped, the canary is in the draft and nowhere else under HOME.
        #expect(
            try Self.filesContaining("a canary answer 7f3e", under: folder) == [".local/state/goalplan/" + files[0]])
        #expect(
            try FileManager.default.attributesOfItem(atPath: drafts + "/" + files[0])[.posixPermissions] as? Int
                == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: drafts)[.posixPermissions] as? Int == 0o700)

        // The next run offers the draft; Enter carries on at the second question.
        tty = try start(folder)
        seen = try tty.waitFor("You have an unfinished 'Echo'")
        tty.type("\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("b\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\na canary answer 7f3e\n"))
        #expect(plan.contains("**Second?**\n\nb\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: drafts).isEmpty)
        // The canary is now in the plan and nowhere else under HOME (the state folder included).
        #expect(try Self.filesContaining("a canary answer 7f3e", under: folder) == ["plan.md"])
    }

    /// The files under `folder` (relative paths) whose bytes contain `text`.
    static func filesContaining(_ text: String, under folder: String) throws -> [String] {
        let needle = Data(text.utf8)
        let walker = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let name = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder + "/" + name), data.range(of: needle) != nil {
                found.append(name)
            }
        }
        return found.sorted()
    }

    /// A closed terminal (SIGHUP) or a shutdown (SIGTERM) at a prompt: the terminal is restored,
    /// the exit status says which signal, and the answers given are in the draft.
    @Test(arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func signalsRestoreTheTerminalAndKeepTheDraft(_ signal: (Int32, Int32)) throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("First?")
        tty.type("before the signal\r")
        seen = try tty.waitFor("Second?", after: seen)
        try tty.waitForRawMode()
        kill(tty.pid, signal.0)
        #expect(try tty.waitForExit() == signal.1)
        #expect(tty.isInCookedModeWithEcho)
        let drafts = folder + "/.local/state/goalplan"
        let files = try FileManager.default.contentsOfDirectory(atPath: drafts)
        #expect(files.count == 1)
        #expect(
            try String(contentsOfFile: drafts + "/" + (files.first ?? ""), encoding: .utf8).contains(
                "before the signal"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/plan.md"))
    }

    @Test func ctrlDOnAnEmptyLineKeepsTheDraftAndExitsCleanly() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("First?")
        tty.type("kept by ctrl-d\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\u{04}")
        seen = try tty.waitFor("Run 'goalplan resume' to carry on where you left off.", after: seen)
        #expect(try tty.waitForExit() == 130)
        #expect(tty.screen.contains("Stopped for now. Your answers so far are kept in a draft"))
        #expect(tty.isInCookedModeWithEcho)
        let drafts = folder + "/.local/state/goalplan"
        let files = try FileManager.default.contentsOfDirectory(atPath: drafts)
        #expect(
            try String(contentsOfFile: drafts + "/" + (files.first ?? ""), encoding: .utf8).contains("kept by ctrl-d"))
    }

    @Test func bytesThatAreNotUTF8AreReportedNotKept() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("First?")
        tty.typeBytes([0x62, 0x61, 0x64, 0xFF, 0x0D])
        seen = try tty.waitFor("not UTF-8 text", after: seen)
        tty.type("good\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\ngood\n"))
        #expect(!plan.contains("\u{FFFD}"))
    }

    @Test func tabCompletesChoiceLabels() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder, flow: "pick")
        var seen = try tty.waitFor("> ")
        // "rel" alone is a unique prefix anyway; Tab must fill in the rest of the label.
        tty.type("Rel\t")
        seen = try tty.waitFor("ationships", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**Which part of life?**\n\nRelationships\n"))
    }

    @Test func tabCompletesEveryItemOfAMultiAnswer() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder, flow: "several")
        var seen = try tty.waitFor("> ")
        // libedit writes only what Tab adds, so that is what appears.
        tty.type("Ca\t")
        seen = try tty.waitFor("lm", after: seen)
        // After a comma, the next item completes; a label holding a comma completes whole.
        tty.type(", Ti\t")
        seen = try tty.waitFor("red", after: seen)
        tty.type(", Sleep, h\t")
        seen = try tty.waitFor("ealth or my body", after: seen)
        tty.type(",Hop\t")
        seen = try tty.waitFor("eful", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            plan.contains("**Which fit today?**\n\n- Calm\n- Tired\n- Sleep, health or my body\n- Hopeful\n"), "\(plan)"
        )
    }

    /// Ctrl-X Ctrl-E opens $EDITOR on the answer so far; what it saves is the answer. The file
    /// is private, named (not its text) on the editor's command line, and gone afterwards.
    @Test func anAnswerCanBeWrittenInThePersonsOwnEditor() throws {
        let folder = try Here.temporaryFolder()
        let editor = folder + "/editor.sh"
        try """
        #!/bin/sh
        printf '%s\\n' "$*" > "\(folder)/argv"
        stat -c %a "$1" > "\(folder)/mode"
        printf 'and more words\\n' >> "$1"
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        // Run by sh, not executed itself: a test running beside this one may fork while the
        // script's file is still open for writing, and executing it then fails (ETXTBSY).
        let tty = try start(folder, environment: ["EDITOR": "sh " + editor, "XDG_STATE_HOME": folder + "/state"])
        var seen = try tty.waitFor("First?")
        seen = try tty.waitFor("> ", after: seen)
        tty.type("Seed words")
        tty.typeBytes([0x18, 0x05])
        seen = try tty.waitFor("From your editor:", after: seen)
        seen = try tty.waitFor("Second?", after: seen)
        // Typed, :edit opens it too, starting from nothing: its one line is the answer.
        tty.type(":edit\r")
        seen = try tty.waitFor("From your editor:", after: seen)
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\nSeed words and more words\n"), "\(plan)")
        #expect(plan.contains("**Second?**\n\nand more words\n"), "\(plan)")
        #expect(try String(contentsOfFile: folder + "/mode", encoding: .utf8) == "600\n")
        let argv = try String(contentsOfFile: folder + "/argv", encoding: .utf8)
        #expect(argv.hasPrefix(folder + "/state/goalplan/answer-") && !argv.contains("Seed"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/state/goalplan")
        #expect(!left.contains { $0.hasPrefix("answer-") }, "\(left)")
    }

    @Test func withoutAnEditorSetEditSaysHowToSetOne() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("> ")
        tty.type(":edit\r")
        seen = try tty.waitFor("Set VISUAL or EDITOR", after: seen)
        seen = try tty.waitFor("> ", after: seen)
        tty.type("one\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("two\r")
        try finish(tty, after: seen)
    }

    @Test func backOffersTheEarlierAnswerToEdit() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("> ")
        tty.type("kind\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type(":back\r")
        seen = try tty.waitFor("First?", after: seen)
        // The earlier answer is on the line: Ctrl-A and a word in front of it.
        tty.type("\u{01}very \r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\nvery kind\n"))
    }

    @Test func viKeysFromEditrc() throws {
        let folder = try Here.temporaryFolder()
        try "bind -v\n".write(toFile: folder + "/.editrc", atomically: true, encoding: .utf8)
        let tty = try start(folder)
        var seen = try tty.waitFor("> ")
        // In vi mode, ESC leaves insert mode, 0 goes to the start, i inserts there.
        tty.type("world\u{1B}0ihello \r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("\r")
        try finish(tty, after: seen)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**First?**\n\nhello world\n"))
    }
}
