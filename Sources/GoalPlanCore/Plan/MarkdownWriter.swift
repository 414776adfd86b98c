/// Writes a plan as Markdown a person can read, print and edit, laid out as in DOMAIN.md.
/// `MarkdownReader` reads the same layout back, hand edits included.
public struct MarkdownWriter: Sendable {
    /// Choices for how a plan is written.
    public struct Options: Sendable {
        /// Leave out what only the clinician should see (approach, interventions).
        public var clientCopy: Bool
        public init(clientCopy: Bool = false) {
            self.clientCopy = clientCopy
        }
        public static let `default` = Options()
    }

    public var options: Options

    public init(options: Options = .default) {
        self.options = options
    }

    /// The plan as Markdown, ending with a newline.
    public func write(_ plan: Plan) -> String {
        var blocks: [String] = []
        let name = plan.name.map(MarkdownEscaping.singleLine) ?? ""
        blocks.append(name.isEmpty ? "# Goal plan" : "# Goal plan: \(name)")
        var dates = "Started \(plan.started.longForm)"
        if let review = plan.nextReview { dates += " · Next review \(review.longForm)" }
        blocks.append(dates)

        let h = PlanHeadings.self
        // Hopes are usually a few sentences, so one answer reads as prose; the rest are lists.
        for (title, entries, prose) in [
            (h.concerns, plan.concerns, false), (h.hopes, plan.hopes, true),
            (h.strengths, plan.strengths, false), (h.supports, plan.supports, false),
        ] where !entries.isEmpty {
            blocks.append("## \(title)")
            blocks.append(prose && entries.count == 1 ? paragraph(entries[0]) : bullets(entries))
        }

        for (index, goal) in plan.goals.enumerated() {
            blocks += goalBlocks(goal, number: index + 1, started: plan.started)
        }

        if let safety = plan.safetyPlan, !safety.isEmpty {
            blocks.append("## \(h.safetyPlan)")
            for (title, entries) in PlanHeadings.safetySections(safety) where !entries.isEmpty {
                blocks.append("### \(title)")
                blocks.append(bullets(entries))
            }
        }

        if !plan.notes.isEmpty {
            blocks.append("## \(h.notes)")
            blocks += plan.notes.flatMap(noteBlocks)
        }
        if let clinician = plan.clinician, !options.clientCopy, !clinician.isEmpty {
            blocks.append("## \(h.clinician)")
            var facts: [String] = []
            if let approach = clinician.approach { facts.append(fact(h.approach, approach)) }
            if let interventions = clinician.interventions { facts.append(fact(h.interventions, interventions)) }
            for checkIn in clinician.checkIns { facts.append(fact(h.checkIn, PlanHeadings.describe(checkIn))) }
            blocks.append(facts.joined(separator: "\n"))
        }
        for section in plan.extraSections {
            var block = "## \(section.heading)"
            var body = section.body
            while body.last?.trimmingSpaces.isEmpty == true { body.removeLast() }
            while body.first?.trimmingSpaces.isEmpty == true { body.removeFirst() }
            if !body.isEmpty { block += "\n\n" + body.joined(separator: "\n") }
            blocks.append(block)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func goalBlocks(_ goal: Goal, number: Int, started: CalendarDate) -> [String] {
        let h = PlanHeadings.self
        let title = MarkdownEscaping.singleLine(goal.title)
        var blocks = [title.isEmpty ? "## Goal \(number)" : "## Goal \(number): \(title)"]
        var facts: [String] = []
        if let area = goal.area { facts.append(fact(h.area, area)) }
        if let why = goal.why { facts.append(fact(h.why, why)) }
        if let measure = goal.measure { facts.append(fact(h.measure, measure)) }
        if let importance = goal.importance { facts.append("- **\(h.importance):** \(importance)") }
        if let confidence = goal.confidence { facts.append("- **\(h.confidence):** \(confidence)") }
        let later = goal.reviews.compactMap { review in review.rating.map { "\($0) on \(review.date.longForm)" } }
        if let first = goal.ratings.first {
            let progress = ["\(first.value) at the start (\(first.date.longForm))"] + later
            facts.append("- **\(h.progress):** " + progress.joined(separator: ", "))
        } else if !later.isEmpty {
            facts.append("- **\(h.progress):** " + later.joined(separator: ", "))
        }
        if let step = goal.firstStep { facts.append(fact(h.firstStep, step)) }
        if !facts.isEmpty { blocks.append(facts.joined(separator: "\n")) }
        if !goal.steps.isEmpty {
            blocks.append("### \(h.steps)")
            blocks.append(
                goal.steps.map { step in
                    "- [\(step.done ? "x" : " ")] " + MarkdownEscaping.lines(step.text).joined(separator: "\n      ")
                }.joined(separator: "\n"))
        }
        if !goal.obstacles.isEmpty {
            blocks.append("### \(h.obstacles)")
            blocks.append(
                goal.obstacles.map { obstacle in
                    let what = MarkdownEscaping.singleLine(obstacle.what)
                    guard let plan = obstacle.plan else { return "- \(what)" }
                    return "- **\(what):** " + MarkdownEscaping.lines(plan).joined(separator: "\n  ")
                }.joined(separator: "\n"))
        }
        if !goal.helpers.isEmpty {
            blocks.append("### \(h.helpers)")
            blocks.append(bullets(goal.helpers))
        }
        if !goal.levels.isEmpty {
            blocks.append("### \(h.levels)")
            var rows = ["| Level | What it would look like |", "|-------|-------------------------|"]
            for (label, text) in zip(PlanHeadings.levelLabels, goal.levels) {
                rows.append("| \(label) | \(cell(text)) |")
            }
            blocks.append(rows.joined(separator: "\n"))
        }
        if !goal.reviews.isEmpty {
            blocks.append("### \(h.reviews)")
            var rows = [
                "| Date | Progress | What helped | What got in the way | Decision | Why |",
                "|------|----------|-------------|---------------------|----------|-----|",
            ]
            for r in goal.reviews {
                let cells = [
                    r.date.iso, r.rating.map(String.init) ?? "", cell(r.helped), cell(r.hindered), cell(r.decision),
                    cell(r.reason),
                ]
                rows.append("| " + cells.joined(separator: " | ") + " |")
            }
            blocks.append(rows.joined(separator: "\n"))
        }
        if !goal.notes.isEmpty {
            blocks.append("### \(h.goalNotes)")
            blocks += goal.notes.flatMap(noteBlocks)
        }
        return blocks
    }

    /// A table cell: one line, escaped.
    private func cell(_ text: String?) -> String {
        MarkdownEscaping.singleLine(text ?? "")
    }

    /// `- **Label:** text`, with further lines of the text indented under the item.
    private func fact(_ label: String, _ text: String) -> String {
        "- **\(label):** " + MarkdownEscaping.lines(text).joined(separator: "\n  ")
    }

    private func noteBlocks(_ note: Note) -> [String] {
        let question = MarkdownEscaping.singleLine(note.question)
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

/// The words of the plan's headings and labels, shared by the writer and the reader.
public enum PlanHeadings {
    public static let concerns = "What brought me here"
    public static let hopes = "What I would like to be different"
    public static let strengths = "What I already have going for me"
    public static let supports = "Who and what can help"
    public static let notes = "More of what I said"
    public static let safetyPlan = "My safety plan"
    public static let clinician = "For the clinician"
    public static let approach = "Approach"
    public static let interventions = "Interventions"
    public static let checkIn = "Safety check-in"
    public static let area = "Area"
    public static let why = "Why it matters"
    public static let measure = "How I will know"
    public static let importance = "Importance (0-10)"
    public static let confidence = "Confidence (0-10)"
    public static let progress = "Progress (0-10)"
    public static let firstStep = "First step this week"
    public static let steps = "Steps"
    public static let obstacles = "If something gets in the way"
    public static let helpers = "Who and what can help with this goal"
    public static let levels = "Levels of progress"
    public static let reviews = "Reviews"
    public static let goalNotes = "Notes"
    public static let levelLabels = [
        "-2 (much less than expected)", "-1", "0 (expected)", "+1", "+2 (much more than expected)",
    ]

    static let safetyTitles = [
        "Warning signs", "Things I can do on my own", "People and places that help me feel better",
        "People I can ask for help", "Professionals and crisis lines", "Making my surroundings safer",
        "My reasons for living",
    ]

    /// A check-in as the plan writes it: `2026-11-28 · suicide and self-harm · carried on`.
    public static func describe(_ checkIn: SafetyCheckIn) -> String {
        [checkIn.date.iso, checkIn.categories.map(\.name).joined(separator: " / "), checkIn.outcome.rawValue]
            .joined(separator: " · ")
    }

    /// A check-in read back from the plan, or nil when the text is not one.
    public static func checkIn(from text: String) -> SafetyCheckIn? {
        let parts = text.components(separatedBy: " · ")
        guard parts.count == 3, let date = CalendarDate(iso: parts[0].trimmingSpaces),
            let outcome = SafetyCheckIn.Outcome(rawValue: parts[2].trimmingSpaces)
        else { return nil }
        let names = parts[1].components(separatedBy: " / ").map(\.trimmingSpaces)
        let categories = names.compactMap { name in SafetyCategory.allCases.first { $0.name == name } }
        guard categories.count == names.count, !categories.isEmpty else { return nil }
        return SafetyCheckIn(date: date, categories: categories, outcome: outcome)
    }

    public static func safetySections(_ s: SafetyPlan) -> [(String, [String])] {
        Array(
            zip(
                safetyTitles,
                [
                    s.warningSigns, s.copingAlone, s.distractions, s.people, s.professionals, s.saferSurroundings,
                    s.reasonsForLiving,
                ]))
    }

    static func setSafety(_ s: inout SafetyPlan, _ title: String, _ items: [String]) -> Bool {
        switch safetyTitles.firstIndex(of: title) {
        case 0: s.warningSigns = items
        case 1: s.copingAlone = items
        case 2: s.distractions = items
        case 3: s.people = items
        case 4: s.professionals = items
        case 5: s.saferSurroundings = items
        case 6: s.reasonsForLiving = items
        default: return false
        }
        return true
    }
}
