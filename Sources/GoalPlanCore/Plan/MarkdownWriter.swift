/// Writes a plan as Markdown a person can read, print and edit, in the layout README.md shows.
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
    ///
    /// Nothing in it depends on where lines break: labels are bold text a formatter may wrap,
    /// a line break inside an answer is a hard break (`\` at the end of the line), and levels
    /// and reviews are lists rather than tables, which formatters without table support reflow.
    /// What was kept word for word goes back where it was found: blocks at the start or end of
    /// their section or part (whose heading is written even when it holds nothing else), and a
    /// person's own sections after the section they followed.
    public func write(_ plan: Plan) -> String {
        // The plan's words are in its own language, whatever the screen speaks.
        MessageCatalog.$current.withValue(.builtIn(plan.language)) { writeInItsLanguage(plan) }
    }

    private func writeInItsLanguage(_ plan: Plan) -> String {
        let plan = options.clientCopy ? plan.clientCopy : plan
        var out = Blocks(plan: plan)
        out.beforeTitle()
        let name = plan.name.map { MarkdownEscaping.singleLine($0, lineStart: false) } ?? ""
        out.append(
            name.isEmpty ? "# " + tr("Goal plan", context: "plan") : "# " + tr("Goal plan: \(name)", context: "plan"))
        var dates = tr("Started \(plan.started.longForm)", context: "plan")
        if let review = plan.nextReview { dates += " · " + tr("Next review \(review.longForm)", context: "plan") }
        out.append(dates)
        out.part("", nil, heading: nil) { [] }
        out.sectionsAfter("")

        let h = PlanHeadings.self
        for (title, entries, prose) in PlanDocument.lists(of: plan) {
            out.part(title, nil, heading: "## \(title)") {
                entries.isEmpty ? [] : [prose && entries.count == 1 ? paragraph(entries[0]) : bullets(entries)]
            }
            out.sectionsAfter(title)
        }

        for (index, goal) in plan.goals.enumerated() {
            goalBlocks(goal, number: index + 1, into: &out)
            out.sectionsAfter("Goal \(index + 1)")
        }

        out.part(h.measures, nil, heading: "## \(h.measures)") {
            plan.measures.isEmpty ? [] : [plan.measures.map(measureFact).joined(separator: "\n")]
        }
        out.sectionsAfter(h.measures)

        let safety = plan.safetyPlan ?? SafetyPlan()
        if !safety.isEmpty || out.hasKept(in: h.safetyPlan) {
            out.append("## \(h.safetyPlan)")
            out.part(h.safetyPlan, nil, heading: nil) { [] }
            for (title, entries) in PlanHeadings.safetySections(safety) {
                out.part(h.safetyPlan, title, heading: "### \(title)") { entries.isEmpty ? [] : [bullets(entries)] }
            }
        }
        out.sectionsAfter(h.safetyPlan)

        out.part(h.notes, nil, heading: "## \(h.notes)") { plan.notes.flatMap(noteBlocks) }
        out.sectionsAfter(h.notes)

        out.part(h.clinician, nil, heading: "## \(h.clinician)") {
            guard let clinician = plan.clinician, !clinician.isEmpty else { return [] }
            return [PlanDocument.record(of: clinician).map { fact($0.label, $0.value) }.joined(separator: "\n")]
        }
        out.sectionsAfter(h.clinician)
        out.rest()
        if let ids = PlanHeadings.questionIDs(plan) { out.append(ids) }
        return out.blocks.joined(separator: "\n\n") + "\n"
    }

    /// The plan's blocks as they are written, with what was kept word for word put back.
    private struct Blocks {
        let plan: Plan
        var blocks: [String] = []
        var written = Set<Int>()

        init(plan: Plan) { self.plan = plan }

        mutating func append(_ block: String) { blocks.append(block) }

        func hasKept(in section: String, part: String?? = .none) -> Bool {
            plan.extraSections.indices.contains { i in
                let extra = plan.extraSections[i]
                return !written.contains(i) && extra.heading == nil && extra.place.section == section
                    && (part.map { extra.place.part == $0 } ?? true)
            }
        }

        /// A section or part: its heading (when it has content, or blocks were kept in it),
        /// the blocks found before its content, its content, and the blocks found after.
        mutating func part(
            _ section: String, _ part: String?, heading: String?, always: Bool = false, content: () -> [String]
        ) {
            let body = content()
            guard !body.isEmpty || always || hasKept(in: section, part: part) else { return }
            if let heading { blocks.append(heading) }
            take { $0.heading == nil && $0.place.section == section && $0.place.part == part && $0.first }
            blocks += body
            take { $0.heading == nil && $0.place.section == section && $0.place.part == part }
        }

        /// What was found before the plan's title (a comment for a tool, say).
        mutating func beforeTitle() {
            take { $0.heading == nil && $0.place == .top && $0.first }
        }

        /// The sections a person added after `section`, and any block of it not yet written.
        mutating func sectionsAfter(_ section: String) {
            take { $0.place.section == section }
        }

        /// Whatever is left: kept after a section the plan no longer has.
        mutating func rest() {
            take { _ in true }
        }

        private mutating func take(_ wanted: (RawSection) -> Bool) {
            for (i, extra) in plan.extraSections.enumerated() where !written.contains(i) && wanted(extra) {
                written.insert(i)
                blocks.append(Self.raw(extra))
            }
        }

        /// A kept block or section, word for word.
        static func raw(_ section: RawSection) -> String {
            var body = section.body
            while body.last?.trimmingSpaces.isEmpty == true { body.removeLast() }
            while body.first?.trimmingSpaces.isEmpty == true { body.removeFirst() }
            guard let heading = section.heading else { return body.joined(separator: "\n") }
            // The heading as text, on one line: it reads back as the same text.
            var block =
                String(repeating: "#", count: max(1, min(section.level, 6))) + " "
                + MarkdownEscaping.singleLine(heading, lineStart: false)
            if !body.isEmpty { block += "\n\n" + body.joined(separator: "\n") }
            return block
        }
    }

    private func goalBlocks(_ goal: Goal, number: Int, into out: inout Blocks) {
        let h = PlanHeadings.self
        let section = "Goal \(number)"
        let title = MarkdownEscaping.singleLine(goal.title, lineStart: false)
        let heading =
            "## "
            + (title.isEmpty ? tr("Goal \(number)", context: "plan") : tr("Goal \(number): \(title)", context: "plan"))
        // What the goal shows, and in what order, is the document's (as `show` and print have it).
        let content = PlanDocument.goal(goal)
        out.part(section, nil, heading: heading, always: true) {
            let facts = content.facts.compactMap { f -> String? in
                if f.isProgress {
                    // The first rating as set, then each review's, with their days.
                    let start = content.progress.first(where: \.atStart).map {
                        tr("\($0.value) at the start (\($0.date.longForm))", context: "plan")
                    }
                    let later = content.progress.filter { !$0.atStart }.map {
                        tr("\($0.value) on \($0.date.longForm)", context: "plan")
                    }
                    let all = (start.map { [$0] } ?? []) + later
                    return all.isEmpty ? nil : "- **\(h.progress):** " + all.joined(separator: ", ")
                }
                // Numbers, levels and dates the plan wrote itself need no escaping.
                return Self.plainFacts.contains(f.label) ? "- **\(f.label):** \(f.value)" : fact(f.label, f.value)
            }
            return facts.isEmpty ? [] : [facts.joined(separator: "\n")]
        }
        // Every part's heading is offered, so what a person kept under an empty one stays there.
        for partTitle in PlanDocument.goalPartTitles {
            let part = content.parts.first { $0.title == partTitle }
            out.part(section, partTitle, heading: "### \(partTitle)") { part.map { blocks(of: $0.body) } ?? [] }
        }
    }

    /// The facts whose values goalplan writes itself (a number, a level, a date).
    private static var plainFacts: Set<String> {
        [
            PlanHeadings.importance, PlanHeadings.confidence, PlanHeadings.levelAtStart, PlanHeadings.reached,
            PlanHeadings.onHold, PlanHeadings.letGo,
        ]
    }

    /// A part of a goal as Markdown blocks.
    private func blocks(of body: PlanDocument.Body) -> [String] {
        let h = PlanHeadings.self
        switch body {
        case .checklist(let steps):
            return [
                steps.map { step in
                    "- [\(step.done ? "x" : " ")] " + MarkdownEscaping.lines(step.text).joined(separator: "\\\n      ")
                }.joined(separator: "\n")
            ]
        case .obstacles(let obstacles):
            return [
                obstacles.map { obstacle in
                    guard let plan = obstacle.plan else { return "- " + MarkdownEscaping.singleLine(obstacle.what) }
                    let what = MarkdownEscaping.singleLine(obstacle.what, lineStart: false)
                    return "- **\(what):** " + MarkdownEscaping.lines(plan).joined(separator: "\\\n  ")
                }.joined(separator: "\n")
            ]
        case .bullets(let items):
            return [bullets(items)]
        case .levels(let levels):
            return [levels.map { fact($0.label, $0.value) }.joined(separator: "\n")]
        case .reviews(let reviews):
            return reviews.flatMap { r in
                var facts: [String] = []
                if let rating = r.rating { facts.append("- **\(h.progress):** \(rating)") }
                if let level = r.level { facts.append("- **\(h.reviewLevel):** \(PlanHeadings.level(level))") }
                if let confidence = r.confidence { facts.append("- **\(h.confidence):** \(confidence)") }
                for (label, value) in [
                    (h.reviewHelped, r.helped), (h.reviewHindered, r.hindered), (h.reviewDecision, r.decision),
                    (h.reviewReason, r.reason),
                ] {
                    if let value { facts.append(fact(label, value)) }
                }
                return ["#### \(r.date.longForm)"] + (facts.isEmpty ? [] : [facts.joined(separator: "\n")])
            }
        case .notes(let notes):
            return notes.flatMap(noteBlocks)
        }
    }

    /// `- **PHQ-9, 28 November 2026:** 13 of 27 · Moderate`, then its item scores and its id.
    private func measureFact(_ m: MeasureResult) -> String {
        fact("\(m.name), \(m.date.longForm)", PlanHeadings.describe(m))
    }

    /// `- **Label:** text`, with further lines of the text after hard breaks in the item.
    private func fact(_ label: String, _ text: String) -> String {
        "- **\(MarkdownEscaping.singleLine(label, lineStart: false)):** "
            + MarkdownEscaping.lines(text).joined(separator: "\\\n  ")
    }

    private func noteBlocks(_ note: Note) -> [String] {
        // A question with no words would be `****`, a rule.
        let escaped = MarkdownEscaping.singleLine(note.question, lineStart: false)
        let question = escaped.isEmpty ? tr("Note", context: "plan") : escaped
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
        // An item with nothing to show (no answer is one) would be an empty `- `, read as nothing.
        items.map(MarkdownEscaping.lines).filter { !$0.isEmpty }.map { "- " + $0.joined(separator: "\\\n  ") }
            .joined(separator: "\n")
    }
}
