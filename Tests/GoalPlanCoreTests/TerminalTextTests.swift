import Testing

@testable import GoalPlanCore

/// Wrapping text to a terminal's width: where lines break (UAX #14), how wide characters are,
/// and the indents kept.
@Suite struct TerminalTextTests {
    /// The widest line, in columns.
    func widest(_ lines: [String]) -> Int { lines.map(TerminalText.width).max() ?? 0 }

    @Test(arguments: [
        ("abc", 3), ("café", 4), ("cafe\u{301}", 4), ("日本語", 6), ("😀", 2), ("👨‍👩‍👧", 2), ("🇬🇧", 2),
        ("❤️", 2), ("\u{1B}[1mbold\u{1B}[0m", 4), ("한글", 4), ("", 0),
    ])
    func widthsAreColumnsOnATerminal(_ text: String, _ columns: Int) {
        #expect(TerminalText.width(text) == columns)
    }

    @Test func wrapsAtSpacesAndNeverSplitsAWord() {
        let text = "We will look at what brought you here, choose up to three goals, and plan some small first steps."
        let lines = TerminalText.wrap(text, width: 30)
        #expect(widest(lines) <= 30)
        #expect(lines.joined(separator: " ") == text)
        #expect(
            lines == [
                "We will look at what brought", "you here, choose up to three", "goals, and plan some small",
                "first steps.",
            ])
    }

    @Test func noBreakBeforeClosingPunctuationOrAfterAnOpeningBracket() {
        // "ok !" and "( here" may not be parted: UAX #14 forbids a break before "!" and "?"
        // even after a space, and after an opening bracket.
        let lines = TerminalText.wrap("Is this ok ? Say so ! See (here)", width: 11)
        #expect(lines == ["Is this", "ok ? Say", "so ! See", "(here)"])
        #expect(TerminalText.wrap("aaaa (bbbb", width: 8) == ["aaaa", "(bbbb"])
        #expect(TerminalText.wrap("aaaaa bb«cc»", width: 9) == ["aaaaa", "bb«cc»"])
    }

    @Test func breaksAfterAHyphen() {
        #expect(TerminalText.wrap("my own well-being", width: 12) == ["my own well-", "being"])
    }

    @Test func wideCharactersCountTwoColumnsAndCJKBreaksBetweenCharacters() {
        let lines = TerminalText.wrap("日本語のテキストです。とても長い。", width: 10)
        #expect(widest(lines) <= 10)
        #expect(lines.joined() == "日本語のテキストです。とても長い。")
        // No line starts with the full stop: UAX #14 keeps it with the word before.
        #expect(!lines.contains { $0.hasPrefix("。") })
    }

    @Test func emojiAndCombiningMarksStayWholeAndMeasureTrue() {
        let text = "a 👨‍👩‍👧 family, cafe\u{301} and 🇬🇧 flags 😀😀😀😀 here"
        for width in 4...20 {
            let lines = TerminalText.wrap(text, width: width)
            #expect(widest(lines) <= width, "width \(width): \(lines)")
            #expect(lines.joined(separator: " ").filter { $0 != " " } == text.filter { $0 != " " })
        }
        #expect(TerminalText.wrap("xx cafe\u{301}", width: 6) == ["xx", "cafe\u{301}"])
    }

    @Test func aWordLongerThanTheLineIsCutToFit() {
        let url = "https://example.org/a/very/long/address/that/does/not/fit/anywhere"
        let lines = TerminalText.wrap("see " + url + " now", width: 20, hanging: "  ")
        #expect(widest(lines) <= 20)
        #expect(lines.map { $0.trimmingSpaces }.joined().contains("example.org"))
        #expect(lines.joined().filter { $0 != " " } == ("see" + url + "now"))
        let long = String(repeating: "x", count: 50)
        #expect(
            TerminalText.wrap(long, width: 20) == [
                String(repeating: "x", count: 20), String(repeating: "x", count: 20), String(repeating: "x", count: 10),
            ])
    }

    @Test func styleCodesTakeNoColumnsAndAreClosedAtEachLineEnd() {
        let bold = "\u{1B}[1m", reset = "\u{1B}[0m"
        let text = "\(bold)What would you like to do now?\(reset) \u{1B}[2m[y/N]\(reset)"
        let lines = TerminalText.wrap(text, width: 18)
        #expect(lines.map { TerminalText.plain($0) } == ["What would you", "like to do now?", "[y/N]"])
        #expect(lines[0] == "\(bold)What would you\(reset)")
        #expect(lines[1] == "\(bold)like to do now?\(reset)")
        #expect(widest(lines) <= 18)
        #expect(TerminalText.wrap(text, width: 80) == [text])
    }

    @Test func hangingIndentsLineUpUnderTheText() {
        let choice = "  3. Relationships (the people in my life, and how I get on with them)"
        #expect(
            TerminalText.wrapLines(choice, width: 30) == [
                "  3. Relationships (the people", "     in my life, and how I get", "     on with them)",
            ])
        let refused = "  ! Please type a number from 1 to 5, or press Enter. Type :help for guidance."
        let lines = TerminalText.wrapLines(refused, width: 40)
        #expect(lines.first?.hasPrefix("  ! Please") == true)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        #expect(widest(lines) <= 40)
        #expect(TerminalText.hangingIndent(of: "    [x] done") == 8)
        #expect(TerminalText.hangingIndent(of: "  • Samaritans") == 4)
        #expect(TerminalText.hangingIndent(of: "+2. Much better") == 4)
        #expect(TerminalText.hangingIndent(of: "\u{1B}[33m  ! no\u{1B}[0m") == 4)
        #expect(TerminalText.hangingIndent(of: "Plain words") == 0)
        #expect(TerminalText.hangingIndent(of: "  Commands: :back goes back") == 12)
        #expect(TerminalText.hangingIndent(of: "Before you start: words") == 0)
        // An explicit hanging indent for a step in `show`.
        #expect(
            TerminalText.wrap("Walk at lunch three days", width: 20, indent: "    [ ] ")
                == ["    [ ] Walk at", "        lunch three", "        days"])
    }

    @Test func reflowJoinsAParagraphsLinesAndKeepsListsAndBlankLines() {
        let text = """
            Before you start: goalplan helps you think about your goals. It is not a crisis service,
            and it does not replace care.

            Things to try:
            - a walk
              at lunch
            - a call
            1. first
            2) second
                continues the item
            A line after a list stays apart.
                indented stays
            """
        #expect(
            TerminalText.reflow(text) == """
                Before you start: goalplan helps you think about your goals. It is not a crisis service, and it does not replace care.

                Things to try:
                - a walk at lunch
                - a call
                1. first
                2) second continues the item
                A line after a list stays apart.
                    indented stays
                """)
    }

    @Test func oddInputNeverCrashes() {
        for text in [
            "", " ", "   ", "\u{1B}", "\u{1B}[", "a\u{1B}[1", "\u{301}", "\u{200D}", "\t\u{7}x", "x\u{FE0F}",
            "\0Bo\u{10}\0\0\0\0\0\0\u{10}\0\u{743}\u{FFFD}",
        ] {
            for width in [0, 1, 2, 80] {
                _ = TerminalText.wrap(text, width: width, hanging: "    ")
                _ = TerminalText.wrapLines(text + "\n" + text, width: width)
            }
        }
    }
}
