import GoalPlanCore
import Testing

/// What a person changes in a Markdown editor is read back.
@Suite struct HandEditTests {
    static let written = """
        # Goal plan: Sam

        Started 27 November 2026 · Next review 11 December 2026

        ## What brought me here

        - Trouble sleeping since the move

        ## Goal 1: Sleep seven hours on most nights

        - **Area:** Emotional resilience
        - **Why it matters:** I feel foggy at work
        - **Progress (0-10):** 2 at the start (27 November 2026)

        ### Steps

        - [ ] No phone after 10 pm on weeknights
        - [ ] A walk at lunch on Monday

        """

    static let edited = """
        # Goal plan: Sam\r
        \r
        Started 27 November 2026 · Next review 11 December 2026\r
        \r
        ## What brought me here\r
        \r
        * Trouble sleeping since\r
          the move\r
        \r
        ## Goal 1: Sleep seven hours on most nights\r
        \r
        + **Area:** Emotional resilience\r
        + **Why it matters:** I feel foggy\r
          at work\r
        + **Progress (0-10):** 2 at the start (27 November 2026)\r
        \r
        ### Steps\r
        \r
        * [X] No phone after 10.30 pm on weeknights\r
        * [ ] A walk at lunch on Monday\r
        - Call the sleep clinic\r
        \r
        ## Things I noticed\r
        \r
        My own words, kept as they are.\r

        """

    @Test func readsTicksRewordsAddedStepsReflowAndOtherBullets() throws {
        let plan = try MarkdownReader.read(Self.edited)
        let goal = try #require(plan.goals.first)
        #expect(
            goal.steps == [
                PlanStep("No phone after 10.30 pm on weeknights", done: true),
                PlanStep("A walk at lunch on Monday"),
                PlanStep("Call the sleep clinic"),
            ])
        // A reflowed line is a soft break: the answer reads as one line again.
        #expect(goal.why == "I feel foggy at work")
        #expect(goal.area == "Emotional resilience")
        #expect(goal.ratings == [Rating(date: CalendarDate(iso: "2026-11-27")!, value: 2)])
        #expect(plan.concerns == ["Trouble sleeping since the move"])
        #expect(
            plan.extraSections == [
                RawSection(
                    heading: "Things I noticed", body: ["My own words, kept as they are."],
                    place: PlanPlace(section: "Goal 1"))
            ])
        // Written again, the person's own section is still there.
        #expect(MarkdownWriter().write(plan).contains("## Things I noticed\n\nMy own words, kept as they are.\n"))
    }

    /// Found by the plan fuzzer: a combining mark after a leading "-" joins it into one
    /// Character, which must not hide the escape the writer put before the "-".
    @Test func aCombiningMarkAfterAnEscapeReadsBackStably() throws {
        let text = "# Goal plan\n\nStarted 1 May 2026\n\n## What brought me here\n\n-\u{07AB}uble sleeping\n"
        let written = MarkdownWriter().write(try MarkdownReader.read(text))
        #expect(written.contains("- -\u{07AB}uble sleeping\n"))
        #expect(try MarkdownReader.read(written).concerns == ["-\u{07AB}uble sleeping"])
        #expect(MarkdownWriter().write(try MarkdownReader.read(written)) == written)
    }

    /// Found by the plan fuzzer: a line added under an obstacle (which holds one line) began
    /// with "+"; escaped as a line start but written mid-line, it did not read back the same.
    @Test func aContinuationLineInAOneLinePlaceReadsBackStably() throws {
        let text =
            "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### If something gets in the way\n\n- Rain\n+++ more\n"
        let written = MarkdownWriter().write(try MarkdownReader.read(text))
        #expect(written.contains("- Rain \\+++ more\n"))
        #expect(MarkdownWriter().write(try MarkdownReader.read(written)) == written)
    }

    @Test func readsWhatTheWriterWrote() throws {
        let plan = try MarkdownReader.read(Self.written)
        #expect(MarkdownWriter().write(plan) == Self.written)
    }

    static let unreadable: [(String, String)] = [
        ("Just some notes\n", "line 1: expected the plan's title, '# Goal plan: NAME', at the top"),
        (
            "# Goal plan\n\nBegun yesterday\n",
            "line 3: expected the dates line, 'Started 27 November 2026 · Next review 11 December 2026'"
        ),
        ("# Goal plan\n\nStarted soon\n", "line 3: the start date could not be read; write it like 27 November 2026"),
        (
            "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n- **Importance (0-10):** lots\n",
            "line 7: 'Importance (0-10)' should be a number from 0 to 10, not 'lots'"
        ),
        (
            "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Reviews\n\n| Date | Progress |\n|--|--|\n| soon | 4 |\n",
            "line 11: a review's date should look like 2026-12-11, not 'soon'"
        ),
        (
            "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Reviews\n\n| Date | Progress |\n|--|--|\n| 2026-05-09 | 14 |\n",
            "line 11: a review's progress should be a number from 0 to 10, not '14'"
        ),
    ]

    @Test(arguments: unreadable)
    func namesTheLineItCannotRead(_ c: (String, String)) {
        #expect(throws: (any Error).self) { try MarkdownReader.read(c.0) }
        do {
            _ = try MarkdownReader.read(c.0)
        } catch {
            #expect(error.description == c.1)
        }
    }
}
