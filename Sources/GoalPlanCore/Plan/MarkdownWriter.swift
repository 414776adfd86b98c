/// Writes a plan as Markdown a person can read, print and edit, laid out as in DOMAIN.md.
public struct MarkdownWriter: Sendable {
    /// Choices for how a plan is written.
    public struct Options: Sendable {
        /// The words for each area of life a section heading uses.
        public var headings: Headings
        public init(headings: Headings = .default) {
            self.headings = headings
        }
        public static let `default` = Options()
    }

    /// Section headings, in the person's voice.
    public struct Headings: Sendable {
        public var concerns = "What brought me here"
        public var hopes = "What I would like to be different"
        public var strengths = "What I already have going for me"
        public var supports = "Who and what can help"
        public var notes = "More of what I said"
        public static let `default` = Headings()
    }

    public var options: Options

    public init(options: Options = .default) {
        self.options = options
    }

    /// The plan as Markdown, ending with a newline.
    public func write(_ plan: Plan) -> String {
        var blocks: [String] = []
        let name = plan.name.map(MarkdownEscaping.inline) ?? ""
        blocks.append(name.isEmpty ? "# Goal plan" : "# Goal plan: \(name)")
        var dates = "Started \(plan.started.longForm)"
        if let review = plan.nextReview { dates += " · Next review \(review.longForm)" }
        blocks.append(dates)

        let h = options.headings
        // Hopes are usually a few sentences, so one answer reads as prose; the rest are lists.
        for (title, entries, prose) in [
            (h.concerns, plan.concerns, false), (h.hopes, plan.hopes, true),
            (h.strengths, plan.strengths, false), (h.supports, plan.supports, false),
        ] where !entries.isEmpty {
            blocks.append("## \(title)")
            blocks.append(prose && entries.count == 1 ? paragraph(entries[0]) : bullets(entries))
        }

        for (index, goal) in plan.goals.enumerated() {
            blocks += goalBlocks(goal, number: index + 1)
        }

        if !plan.notes.isEmpty {
            blocks.append("## \(h.notes)")
            blocks += plan.notes.flatMap(noteBlocks)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func goalBlocks(_ goal: Goal, number: Int) -> [String] {
        let title = MarkdownEscaping.inline(goal.title)
        var blocks = [title.isEmpty ? "## Goal \(number)" : "## Goal \(number): \(title)"]
        var facts: [String] = []
        if let area = goal.area { facts.append(fact("Area", area)) }
        if let why = goal.why { facts.append(fact("Why it matters", why)) }
        if let measure = goal.measure { facts.append(fact("How I will know", measure)) }
        if let first = goal.ratings.first {
            var progress = "\(first.value) at the start (\(first.date.longForm))"
            for later in goal.ratings.dropFirst() {
                progress += ", \(later.value) on \(later.date.longForm)"
            }
            facts.append("- **Progress (0-10):** \(progress)")
        }
        if !facts.isEmpty { blocks.append(facts.joined(separator: "\n")) }
        if !goal.steps.isEmpty {
            blocks.append("### Steps")
            blocks.append(
                goal.steps.map { step in
                    let lines = MarkdownEscaping.lines(step.text)
                    return "- [\(step.done ? "x" : " ")] " + lines.joined(separator: "\n      ")
                }.joined(separator: "\n"))
        }
        if !goal.notes.isEmpty {
            blocks.append("### Notes")
            blocks += goal.notes.flatMap(noteBlocks)
        }
        return blocks
    }

    /// `- **Label:** text`, with further lines of the text indented under the item.
    private func fact(_ label: String, _ text: String) -> String {
        "- **\(label):** " + MarkdownEscaping.lines(text).joined(separator: "\n  ")
    }

    private func noteBlocks(_ note: Note) -> [String] {
        let question = MarkdownEscaping.lines(note.question).joined(separator: " ")
        let answer: String =
            switch note.answer {
            case .text(let text): paragraph(text)
            case .items(let items): bullets(items)
            }
        return ["**\(question)**", answer]
    }

    /// Each line of the text as its own paragraph.
    private func paragraph(_ text: String) -> String {
        MarkdownEscaping.lines(text).joined(separator: "\n\n")
    }

    private func bullets(_ items: [String]) -> String {
        items.map { "- " + MarkdownEscaping.lines($0).joined(separator: "\n  ") }.joined(separator: "\n")
    }
}
