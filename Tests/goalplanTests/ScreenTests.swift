import Foundation
import GoalPlanCore
import Testing

/// What a person sees: every line fits the terminal, words whole, and plain mode for a
/// screen reader.
@Suite(.serialized) struct ScreenTests {
    /// The first-session intake typed at a pseudo-terminal `columns` wide; the screen's lines.
    func intakeOnATerminal(columns: Int, environment extra: [String: String] = [:], arguments: [String] = [])
        throws -> (lines: [String], screen: String)
    {
        let folder = try Here.temporaryFolder()
        var environment = ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        for (k, v) in extra { environment[k] = v }
        let tty = try PseudoTerminal(
            Here.binary, ["start", "intake", "--out", "plan.md", "--date", "2026-11-27"] + arguments, folder: folder,
            environment: environment, columns: columns)
        for answer in TranscriptTests.intakeTyping {
            try tty.settle()
            tty.type(answer + "\r")
        }
        #expect(try tty.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/plan.md"))
        return (tty.lines, tty.screen)
    }

    /// The words of the lines, in order (a word split across two lines shows as two).
    func words(_ lines: [String]) -> [String] {
        lines.joined(separator: " ").split(whereSeparator: \.isWhitespace).map(String.init)
    }

    @Test func theIntakeAt80ColumnsFitsEveryLineAndSplitsNoWord() throws {
        // In color: style codes must not count as columns.
        let narrow = try intakeOnATerminal(columns: 80)
        let tooWide = narrow.lines.filter { TerminalText.width($0) > 80 }
        #expect(tooWide.isEmpty, "lines wider than 80 columns: \(tooWide)")
        #expect(narrow.screen.contains("\u{1B}[1m"))
        // The same run on a terminal wide enough for every line: the same words, in the same
        // order, so none was cut in two at 80.
        let wide = try intakeOnATerminal(columns: 250)
        #expect(words(narrow.lines) == words(wide.lines))
        #expect(narrow.lines.count > wide.lines.count + 10)
        // Flow text is joined into paragraphs at the wide terminal too.
        #expect(
            wide.lines.contains {
                $0.hasPrefix(
                    "Welcome. We will look at what brought you here, choose one to three goals, and plan small first steps for each. The full version takes"
                )
            })
    }

    @Test func aChoiceOrAWarningThatWrapsGoesOnUnderItsOwnWords() throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary, ["start", "pick", "--prompts", Here.fixtures, "--out", "plan.md"], folder: folder,
            environment: ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8", "NO_COLOR": "1"], columns: 30)
        try tty.settle()
        tty.type("nothing like any of them\r")
        try tty.waitFor("! ")
        try tty.settle()
        let lines = tty.lines
        #expect(lines.allSatisfy { TerminalText.width($0) <= 30 }, "\(lines)")
        let warning = try #require(lines.firstIndex { $0.hasPrefix("  ! ") })
        #expect(lines[warning + 1].hasPrefix("    ") && lines[warning + 1].dropFirst(4).first != " ")
    }

    @Test func aResizedTerminalGetsTheNewWidthAtTheNextLines() throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary, ["start", "intake", "--out", "plan.md"], folder: folder,
            environment: ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8", "NO_COLOR": "1"], columns: 100)
        try tty.settle()
        tty.resize(columns: 40)
        tty.type(":help\r")
        try tty.waitFor("Commands:")
        try tty.settle()
        let after = tty.lines.drop { !$0.hasPrefix("> :help") }
        #expect(after.count > 3)
        #expect(after.allSatisfy { TerminalText.width($0) <= 40 }, "\(Array(after))")
    }

    @Test func aNewWidthAtAPromptShowsTheQuestionAgainAndKeepsWhatWasTyped() throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary, ["start", "pick", "--prompts", Here.fixtures, "--out", "plan.md"], folder: folder,
            environment: ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8", "NO_COLOR": "1"], columns: 100)
        var seen = try tty.waitFor("Which part of life?")
        try tty.settle()
        tty.type("Rel")
        seen = try tty.waitFor("Rel", after: seen)
        tty.resize(columns: 30)
        // Shown again at the new width, with the line as it was typed, still to edit.
        seen = try tty.waitFor("Which part of life?", after: seen)
        seen = try tty.waitFor("> Rel", after: seen)
        try tty.settle()
        let again = tty.lines.suffix(from: try #require(tty.lines.lastIndex { $0.hasPrefix("Which part of life?") }))
        #expect(again.allSatisfy { TerminalText.width($0) <= 30 }, "\(Array(again))")
        tty.type("ationships\r")
        _ = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**Which part of life?**\n\nRelationships\n"))
    }

    static let plainForbidden = ["━", "──", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█", "•", "·", "→", "\u{1B}"]

    @Test func termDumbTurnsOnPlainMode() throws {
        let run = try intakeOnATerminal(columns: 80, environment: ["TERM": "dumb"])
        for symbol in Self.plainForbidden {
            #expect(!run.screen.contains(symbol), "plain mode printed \(symbol.debugDescription)")
        }
        #expect(run.lines.contains("  Option 1: My feelings and moods"))
        #expect(run.lines.contains { $0.hasPrefix("Where you are now, 3 of 5, optional, Enter to pass") })
        #expect(run.lines.contains { $0.hasPrefix("Goal 1 of up to 3, 4 of ") })
        #expect(run.lines.contains("Goal 1"))
    }

    @Test func plainFlagOnAPipeAndOnShow() throws {
        let folder = try Here.temporaryFolder()
        let input = TranscriptTests.intakeTyping.joined(separator: "\n") + "\n"
        let result = try runGoalplan(
            ["start", "intake", "--plain", "--out", "plan.md", "--date", "2026-11-27", "--no-save"], input: input,
            in: folder)
        #expect(result.status == 0, "\(result.errors)")
        for symbol in Self.plainForbidden {
            #expect(!result.output.contains(symbol), "plain mode printed \(symbol.debugDescription)")
        }
        #expect(result.output.contains("\n  Option 3: The way I think about things\n"))
        #expect(result.output.contains("Would you like to add another goal? (y or n; Enter means no)"))

        // show, on a terminal in colour but asked to be plain: no charts, bullets, arrows or codes.
        let tty = try PseudoTerminal(
            Here.binary, ["show", Here.fixtures + "/shared-plan.md", "--plain"], folder: folder,
            environment: ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8"], columns: 80)
        #expect(try tty.waitForExit() == 0)
        for symbol in Self.plainForbidden {
            #expect(!tty.screen.contains(symbol), "show --plain printed \(symbol.debugDescription)")
        }
        #expect(tty.lines.contains("  Progress (0-10): 2, then 4, then 6"))
        #expect(tty.lines.contains { $0.hasPrefix("    Done: ") })
        // Without --plain, the same terminal gets the chart and colour.
        let styled = try PseudoTerminal(
            Here.binary, ["show", Here.fixtures + "/shared-plan.md"], folder: folder,
            environment: ["TERM": "xterm", "HOME": folder, "LANG": "C.UTF-8"], columns: 80)
        #expect(try styled.waitForExit() == 0)
        #expect(styled.screen.contains("▂▃▅") && styled.screen.contains("\u{1B}["))
    }

    @Test func showWrapsAClinicianNoteOfSeveralLinesUnderItsLabel() throws {
        let folder = try Here.temporaryFolder()
        let note = """
            Sleep diary each morning for two weeks, then look at the pattern together before changing anything at all.
            Stimulus control: out of bed after twenty minutes awake, back only when sleepy.
            """
        let plan = Plan(
            name: "Sam", started: CalendarDate(year: 2026, month: 11, day: 27)!,
            clinician: ClinicianNotes(
                approach: "Cognitive-behavioural (CBT)",
                notes: [Note(question: "Plan for the next sessions", answer: .text(note))]))
        try MarkdownWriter().write(plan).write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        let shown = try runGoalplan(["show", "plan.md", "--width", "60"], in: folder)
        #expect(shown.status == 0, "\(shown.errors)")
        let lines = shown.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { TerminalText.width($0) <= 60 }, "\(lines)")
        let start = try #require(lines.firstIndex { $0.hasPrefix("  Plan for the next sessions: ") })
        #expect(
            Array(lines[start...].prefix(5)) == [
                "  Plan for the next sessions: Sleep diary each morning for",
                "    two weeks, then look at the pattern together before",
                "    changing anything at all.",
                "    Stimulus control: out of bed after twenty minutes awake,",
                "    back only when sleepy.",
            ])
    }
}
