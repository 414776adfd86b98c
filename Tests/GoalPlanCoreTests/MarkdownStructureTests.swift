import Foundation
import Testing

@testable import GoalPlanCore

/// The reader maps Markdown to the plan by structure, as cmark-gfm parses it, so the shapes
/// other tools and editors give the same plan (Tests/Markdown/transforms.py runs the tools
/// themselves); and nothing it cannot place is dropped.
@Suite struct MarkdownStructureTests {
    static let plan: Plan = {
        var plan = Plan(name: "Sam", started: CalendarDate(iso: "2026-11-27")!)
        plan.concerns = ["Trouble sleeping since the move", "Arguing about money"]
        var goal = Goal(title: "Sleep seven hours", area: "Emotional resilience")
        goal.why = "I feel foggy at work and I would like to be sharp again in the mornings, not at noon"
        goal.measure = "First line\nSecond line"
        goal.ratings = [Rating(date: CalendarDate(iso: "2026-11-27")!, value: 2)]
        goal.steps = [PlanStep("No phone after 10 pm", done: true), PlanStep("A walk at lunch")]
        goal.obstacles = [Obstacle(what: "Noise at night", plan: "Use earplugs")]
        goal.levels = ["Five hours", "Six hours", "Seven hours", "Seven on six nights", "Every night"]
        goal.reviews = [
            Review(
                date: CalendarDate(iso: "2026-12-11")!, rating: 4, helped: "The walks",
                hindered: "Late nights | screens",
                decision: "Keep going", reason: "It is working")
        ]
        plan.goals = [goal]
        return plan
    }()

    static var written: String { MarkdownWriter().write(plan) }

    func read(_ text: String) throws -> Plan { try MarkdownReader.read(text) }

    @Test func numberedListsAndAnyBulletMarkerAreStillSteps() throws {
        let text = Self.written.replacingOccurrences(of: "- [x] No phone", with: "1. [X] No phone")
            .replacingOccurrences(of: "- [ ] A walk", with: "2) [ ] A walk")
        // "2)" after "1." starts a second list: both are read.
        #expect(try read(text).goals[0].steps == Self.plan.goals[0].steps)
        let stars = Self.written.replacingOccurrences(of: "\n- ", with: "\n* ")
        #expect(try read(stars) == Self.plan)
    }

    @Test func wrappedLabelsAndReflowedAnswersReadTheSame() throws {
        // A label broken over two lines, the answer reflowed, as `mdformat --wrap 30` would.
        let text = Self.written.replacingOccurrences(
            of: "- **Why it matters:** I feel foggy at work and",
            with: "- **Why it\n  matters:** I feel foggy\n  at work and")
        #expect(text != Self.written)
        #expect(try read(text) == Self.plan)
        // A line break the person typed is a hard break, and stays one.
        #expect(Self.written.contains("- **How I will know:** First line\\\n  Second line"))
    }

    @Test func setextHeadingsUnderscoreBoldAndABOMReadTheSame() throws {
        var text = Self.written.replacingOccurrences(of: "# Goal plan: Sam\n", with: "Goal plan: Sam\n==============\n")
        text = text.replacingOccurrences(of: "## What brought me here\n", with: "What brought me here\n--------\n")
        text = text.replacingOccurrences(of: "**Area:**", with: "__Area:__")
        #expect(try read("\u{FEFF}" + text) == Self.plan)
        #expect(try read(text.replacingOccurrences(of: "\n", with: "\r\n")) == Self.plan)
    }

    @Test func tablesWithOrWithoutOuterPipesAreRead() throws {
        let levels = """
            ### Levels of progress

            Level | What it would look like
            ------|------------------------
            -2 (much less than expected) | Five hours
            0 (expected) | Seven hours

            ### Reviews

            | Date | Progress | What helped | What got in the way | Decision | Why |
            |---|---|---|---|---|---|
            | 2026-12-11 | 4 | The walks | Late nights \\| screens | Keep going | It is working |
            """
        let text = "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: Sleep\n\n" + levels + "\n"
        let goal = try #require(try read(text).goals.first)
        // A table of two rows: each row in the place its label names.
        #expect(goal.levels == ["Five hours", "", "Seven hours", "", ""])
        #expect(goal.reviews == Self.plan.goals[0].reviews)
    }

    @Test func autolinksReadAsTheirText() throws {
        let text =
            "# Goal plan\n\nStarted 1 May 2026\n\n## What brought me here\n\n- See <https://example.org/a_b> first\n"
        #expect(try read(text).concerns == ["See https://example.org/a_b first"])
    }

    @Test func whatCannotBePlacedIsKeptWhereItWasAndSaidSo() throws {
        let text = Self.written.replacingOccurrences(
            of: "### If something gets in the way",
            with: "> A quote I added under the steps\n\n```\npasted\n```\n\n### If something gets in the way"
        ).replacingOccurrences(of: "## Goal 1:", with: "## My own part\n\nKept here, before the goal.\n\n## Goal 1:")
        let reading = try MarkdownReader.reading(text)
        #expect(reading.kept.map(\.what) == ["a quote", "a code block"])
        #expect(reading.kept.allSatisfy { $0.place == PlanPlace(section: "Goal 1", part: "Steps") })
        #expect(reading.kept.first?.description.hasPrefix("line ") == true)
        // Written back in the same places, word for word, and read the same again.
        let again = MarkdownWriter().write(reading.plan)
        #expect(
            again.contains("- [ ] A walk at lunch\n\n> A quote I added under the steps\n\n```\npasted\n```\n\n### If"))
        #expect(
            again.contains(
                "## What brought me here\n\n- Trouble sleeping since the move\n- Arguing about money\n\n## My own part")
        )
        #expect(try MarkdownReader.read(again) == reading.plan)
        #expect(MarkdownReader.loss(in: text, writing: reading.plan) == nil)
    }

    @Test func textThePlanWouldLoseIsFoundWithItsLine() throws {
        let text = Self.written.replacingOccurrences(
            of: "2 at the start (27 November 2026)", with: "2 at the start (27 November 2026), then a comment")
        let plan = try read(text)
        let loss = try #require(MarkdownReader.loss(in: text, writing: plan))
        #expect(loss.words == ["then", "a", "comment"])
        let lines = text.components(separatedBy: "\n")
        #expect(lines[loss.line - 1].contains("then a comment"))
        #expect(MarkdownReader.loss(in: Self.written, writing: Self.plan) == nil)
    }

    @Test func wordsThatCouldStartABlockAfterRewrappingAreEscaped() throws {
        #expect(MarkdownEscaping.inline("a - b = c > d 3. e") == "a \\- b \\= c \\> d 3\\. e")
        // A dash or plus that does not end its word marks nothing, even at a line's start.
        #expect(MarkdownEscaping.inline("-3 x-y 10.30 a--b +1") == "-3 x-y 10.30 a--b +1")
        #expect(MarkdownEscaping.inline("- a") == "\\- a")
        #expect(MarkdownEscaping.inline("--- a") == "\\--- a")
        #expect(MarkdownEscaping.inline("a --- b") == "a \\--- b")
        // Found by the round-trip fuzzer: a line `|-|` after one with a pipe would be a table.
        var plan = Self.plan
        plan.goals[0].why = "sleep | rest\n|-|"
        #expect(try read(MarkdownWriter().write(plan)) == plan)
    }

    /// Found by the plan fuzzer and the held-out transforms: kept blocks that, written back,
    /// would have been read as part of what came before them, or grew by a line each time.
    @Test(arguments: [
        // A list and a paragraph between the dates and the first section.
        "# Goal plan\n\nStarted 1 May 2026\n\n- a list of mine\n\nAnd a line.\n\n## What brought me here\n\n- Sleep\n",
        // An indented paragraph above the steps (after the list, it would join the last step).
        "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Steps\n  [-\n] not a box\n- [ ] Walk\n",
        // An indented code block under the steps.
        "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Steps\n\n- [ ] Walk\n\n\n    code\n",
        // A list after a table of reviews (after the reviews, it would be the last one's).
        "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Reviews\n\n| Date | Progress |\n|---|---|\n| 2026-12-11 | 4 |\n- [ ] Earplugs\n",
        // A paragraph before the first question of the notes.
        "# Goal plan\n\nStarted 1 May 2026\n\n## More of what I said\n\n**Odd***\n\nYes\n\n**First?**\n\na\n",
        // A table that took its header from a paragraph: cmark gives the rest of the
        // paragraph no place in the source, and starts the table at the paragraph.
        "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Steps\n\n- [ ] Walk\n\n| a | b |\n| c | d |\n|---|---|\n| e | f |\n",
        // A heading broken over lines (a setext heading with a hard break).
        "# Goal plan\n\nStarted 1 May 2026\n\nMy own\\\nnotes\n--\n\nText.\n",
        // A dates line before the title: only the one after it is the plan's.
        "Started 2 May 2026\n\n# Goal plan\n\nStarted 1 May 2026\n\n## What brought me here\n\n- Sleep\n",
        // A comment before the title, which cmark gives no end line.
        "<!-- markdownlint-disable MD033 -->\n# Goal plan\n\nStarted 1 May 2026\n\n## What brought me here\n\n- Sleep\n",
    ])
    func keptBlocksReadBackStably(_ text: String) throws {
        let reading = try MarkdownReader.reading(text)
        let written = MarkdownWriter().write(reading.plan)
        #expect(MarkdownWriter().write(try MarkdownReader.read(written)) == written, "\(written)")
        #expect(MarkdownReader.loss(in: text, writing: reading.plan) == nil)
    }

    @Test func aCommentIsKeptWhereItWasWithoutANote() throws {
        let text = "<!-- markdownlint-disable MD033 -->\n" + Self.written
        let reading = try MarkdownReader.reading(text)
        #expect(reading.kept.isEmpty)
        #expect(
            MarkdownWriter().write(reading.plan).hasPrefix("<!-- markdownlint-disable MD033 -->\n\n# Goal plan: Sam\n"))
    }

    @Test func theBoxIsReadAsWrittenAndTildesAndUnderscoresAreText() throws {
        // cmark-gfm 0.29 ticks this box because of the "[x]" later in the line.
        let text =
            "# Goal plan\n\nStarted 1 May 2026\n\n## Goal 1: x\n\n### Steps\n\n- [ ] \\[x] read\n- [X] ~so~ a_b\n"
        let steps = try read(text).goals[0].steps
        #expect(steps == [PlanStep("[x] read"), PlanStep("~so~ a_b", done: true)])
        #expect(MarkdownEscaping.inline("see https://example.org/a_b _x_") == "see https://example.org/a_b \\_x\\_")
    }
}
