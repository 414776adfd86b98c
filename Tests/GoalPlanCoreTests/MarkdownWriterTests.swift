import Foundation
import GoalPlanCore
import TestSupport
import Testing

@Suite struct MarkdownWriterTests {
    static let hostile = [
        "# not a heading",
        "- not a list item",
        "+ nor this",
        "1. not numbered",
        "a | b | c",
        "<script>alert(1)</script>",
        "---",
        "===",
        "[x]: https://example.com",
        "[link](https://example.com) and ![img](x.png)",
        "*stars* and _underscores_ and `code`",
        "> not a quote",
        "&amp; stays &amp;",
        "back\\slash\\",
        "~~not struck~~",
        "- [ ] not a task",
        "    four spaces",
        "emoji 🙂, עברית, and Zoë",
    ]

    @Test(arguments: hostile)
    func escapedTextRendersAsTheLiteralText(_ text: String) throws {
        let markdown = MarkdownWriter().write(
            Plan(started: Fixtures.today, concerns: [text], goals: [Goal(title: text, steps: [PlanStep(text)])]))
        let html = try CommonMark.html(markdown)
        let literal = CommonMark.escapeHTML(text.trimmingCharacters(in: .whitespaces))
        // The heading, the list item and the task all hold the text exactly as typed...
        #expect(html.contains("<h2>Goal 1: \(literal)</h2>"))
        #expect(html.contains("<li>\(literal)</li>"))
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> \(literal)</li>"))
        // ...and nothing the person typed became structure.
        for tag in [
            "<script", "<hr", "<table", "<a ", "<img", "<em>", "<strong>", "<code>", "<del>", "<blockquote>", "<ol>",
            "<pre>", "<h3>not", "<h1>not",
        ] {
            #expect(!html.contains(tag), "\(tag) in \(html)")
        }
    }

    @Test func writesTheLayoutOfDomainMd() {
        let plan = Plan(
            name: "Sam", started: Fixtures.today, nextReview: Fixtures.today.adding(days: 14),
            concerns: ["Trouble sleeping since the move"], hopes: ["I would wake up rested.\nAnd calmer."],
            goals: [
                Goal(
                    title: "Sleep seven hours on most nights", area: "Emotional resilience", why: "I feel foggy",
                    measure: "Seven hours, five nights a week", ratings: [Rating(date: Fixtures.today, value: 2)],
                    steps: [PlanStep("No phone after 10 pm"), PlanStep("A walk at lunch", done: true)],
                    notes: [Note(question: "Who can help?", answer: .items(["My sister"]))])
            ],
            notes: [Note(question: "Anything else?", answer: .text("Not today"))])
        #expect(
            MarkdownWriter().write(plan) == """
                # Goal plan: Sam

                Started 27 November 2026 · Next review 11 December 2026

                ## What brought me here

                - Trouble sleeping since the move

                ## What I would like to be different

                I would wake up rested.

                And calmer.

                ## Goal 1: Sleep seven hours on most nights

                - **Area:** Emotional resilience
                - **Why it matters:** I feel foggy
                - **How I will know:** Seven hours, five nights a week
                - **Progress (0-10):** 2 at the start (27 November 2026)

                ### Steps

                - [ ] No phone after 10 pm
                - [x] A walk at lunch

                ### Notes

                **Who can help?**

                - My sister

                ## More of what I said

                **Anything else?**

                Not today

                """)
    }

    @Test func unboundAnswersAreKeptAsQuestionAndAnswer() throws {
        let flow = try #require(Fixtures.flow(Fixtures.goalsYAML))
        var session = Session(flow: flow, today: Fixtures.today)
        for input in ["Sam", "Sleep", "3", "n", "Call my sister"] { session.submit([input]) }
        let plan = PlanBuilder.build(flow: flow, answers: session.answers, started: Fixtures.today)
        #expect(plan.name == "Sam")
        #expect(plan.goals == [Goal(title: "Sleep", ratings: [Rating(date: Fixtures.today, value: 3)])])
        #expect(plan.notes == [Note(question: "Anything else?", answer: .text("Call my sister"))])
    }
}

/// The cmark-gfm command line, a real CommonMark (GFM) parser, to see what Markdown means.
enum CommonMark {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "cmark-gfm is not installed: run 'make test', which installs it (apt-get install cmark-gfm)"
        }
    }

    static func html(_ markdown: String) throws -> String {
        let candidates = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"]
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else { throw Missing() }
        return try runProcess(
            tool, ["--extension", "table", "--extension", "tasklist", "--extension", "strikethrough"], input: markdown
        ).output
    }

    static func escapeHTML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
