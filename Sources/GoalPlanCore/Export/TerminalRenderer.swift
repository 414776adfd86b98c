/// The plan for reading in a terminal: wrapped to a width, headings and ticked steps easy to
/// scan, each goal's ratings over time as a small chart. Styling only when asked for.
public struct TerminalRenderer: Sendable {
    public struct Options: Sendable {
        public var width: Int
        public var color: Bool
        public var clientCopy: Bool
        public init(width: Int = 80, color: Bool = false, clientCopy: Bool = false) {
            self.width = max(width, 30)
            self.color = color
            self.clientCopy = clientCopy
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func render(_ plan: Plan) -> String {
        let plan = options.clientCopy ? plan.clientCopy : plan
        var out: [String] = []
        out.append(bold(plan.name.map { "Goal plan: \($0)" } ?? "Goal plan"))
        var dates = "Started \(plan.started.longForm)"
        if let review = plan.nextReview { dates += " · Next review \(review.longForm)" }
        out += wrap(dates, indent: "")
        out += extraLines(plan.extras(in: ""))
        let h = PlanHeadings.self
        for (title, entries) in [
            (h.concerns, plan.concerns), (h.hopes, plan.hopes), (h.strengths, plan.strengths),
            (h.supports, plan.supports),
        ] {
            if !entries.isEmpty {
                out += ["", heading(title)]
                out += entries.flatMap { bullet($0) }
            }
            out += extraLines(plan.extras(in: title))
        }
        for (i, goal) in plan.goals.enumerated() {
            out += [""] + goalLines(goal, number: i + 1)
            out += extraLines(plan.extras(in: "Goal \(i + 1)"))
        }
        if !plan.measures.isEmpty {
            out += ["", heading(h.measures)]
            out += measureLines(plan.measures)
        }
        out += extraLines(plan.extras(in: h.measures))
        if let safety = plan.safetyPlan, !safety.isEmpty {
            out += ["", heading(h.safetyPlan)]
            for (title, entries) in PlanHeadings.safetySections(safety) where !entries.isEmpty {
                out.append("  " + bold(title))
                out += entries.flatMap { bullet($0, indent: "    ") }
            }
        }
        out += extraLines(plan.extras(in: h.safetyPlan))
        if !plan.notes.isEmpty {
            out += ["", heading(h.notes)]
            out += plan.notes.flatMap { noteLines($0, indent: "  ") }
        }
        out += extraLines(plan.extras(in: h.notes))
        if let c = plan.clinician, !c.isEmpty {
            out += ["", heading(h.clinician)]
            if let a = c.approach { out += wrap("\(h.approach): \(a)", indent: "  ") }
            if let i = c.interventions { out += wrap("\(h.interventions): \(i)", indent: "  ") }
            for checkIn in c.checkIns { out += wrap("\(h.checkIn): \(PlanHeadings.describe(checkIn))", indent: "  ") }
            out += c.notes.flatMap { noteLines($0, indent: "  ") }
        }
        out += extraLines(plan.extras(in: h.clinician) + plan.extrasElsewhere)
        return out.joined(separator: "\n") + "\n"
    }

    /// Each measure's scores over time, oldest first, with a small chart of the trend.
    private func measureLines(_ results: [MeasureResult]) -> [String] {
        var out: [String] = []
        for rows in MeasureResult.byMeasure(results) {
            guard let id = rows.first?.id else { continue }
            let name = rows.last?.name ?? id
            let most = rows.compactMap(\.maximum).max() ?? rows.map(\.score).max() ?? 1
            let least = id == MeasureResult.goalAttainment ? (rows.map(\.score).min() ?? 0) : 0
            let series = rows.map { r in
                ComputedValue.format(r.score) + (r.band.map { " \($0)" } ?? "") + " (\(r.date.iso))"
            }
            let chart = Self.sparkline(rows.map(\.score), low: least, high: most)
            out += wrap(
                "\(name): " + series.joined(separator: " → ") + "   " + accent(chart), indent: "  ", hanging: "    ")
        }
        return out
    }

    /// Sections a person added, and blocks kept as they were written, line for line.
    private func extraLines(_ sections: [RawSection]) -> [String] {
        sections.flatMap { section in
            var out = [""]
            if let title = section.heading { out.append(heading(title)) }
            var body = section.body
            while body.last?.trimmingSpaces.isEmpty == true { body.removeLast() }
            while body.first?.trimmingSpaces.isEmpty == true { body.removeFirst() }
            return out + body.flatMap { $0.trimmingSpaces.isEmpty ? [""] : wrap($0, indent: "  ") }
        }
    }

    private func goalLines(_ goal: Goal, number: Int) -> [String] {
        let h = PlanHeadings.self
        var out = [heading(goal.title.isEmpty ? "Goal \(number)" : "Goal \(number): \(goal.title)")]
        for (label, value) in [
            (h.area, goal.area), (h.why, goal.why), (h.measure, goal.measure), (h.firstStep, goal.firstStep),
        ] {
            if let value { out += wrap("\(label): \(value)", indent: "  ", hanging: "    ") }
        }
        if let level = goal.levelAtStart { out.append("  \(h.levelAtStart): \(PlanHeadings.level(level))") }
        if let day = goal.reached { out.append("  \(h.reached): \(day.longForm)") }
        for earlier in goal.earlierTitles {
            out += wrap(
                "\(h.earlierTitle): \(earlier.text), until \(earlier.until.longForm)", indent: "  ", hanging: "    ")
        }
        if let i = goal.importance { out.append("  \(h.importance): \(i)") }
        if let c = goal.confidence { out.append("  \(h.confidence): \(c)") }
        let ratings = goal.ratings.map(\.value) + goal.reviews.compactMap(\.rating)
        if !ratings.isEmpty {
            let series = ratings.map(String.init).joined(separator: " → ")
            out.append("  \(h.progress): \(series)   \(accent(Self.sparkline(ratings)))")
        }
        if !goal.steps.isEmpty {
            out.append("  " + bold(h.steps))
            for step in goal.steps {
                let box = step.done ? "[x]" : "[ ]"
                let lines = wrap(step.text, indent: "    \(box) ", hanging: "        ")
                out += step.done ? lines.map(dim) : lines
            }
        }
        if !goal.obstacles.isEmpty {
            out.append("  " + bold(h.obstacles))
            for o in goal.obstacles {
                out += wrap(o.plan.map { "\(o.what): \($0)" } ?? o.what, indent: "    • ", hanging: "      ")
            }
        }
        if !goal.helpers.isEmpty {
            out.append("  " + bold(h.helpers))
            out += goal.helpers.flatMap { bullet($0, indent: "    ") }
        }
        let levels = zip(["-2", "-1", " 0", "+1", "+2"], goal.levels).filter { !$0.1.isEmpty }
        if !levels.isEmpty {
            out.append("  " + bold(h.levels))
            for (label, text) in levels {
                out += wrap(text, indent: "    \(label)  ", hanging: "        ")
            }
        }
        if !goal.reviews.isEmpty {
            out.append("  " + bold(h.reviews))
            for r in goal.reviews {
                var parts = [r.date.iso + (r.rating.map { ": \($0)/10" } ?? "")]
                if let level = r.level { parts.append("level \(PlanHeadings.level(level))") }
                if let c = r.confidence { parts.append("confidence \(c)/10") }
                if let d = r.decision { parts.append(d + (r.reason.map { " (\($0))" } ?? "")) }
                if let x = r.helped { parts.append("helped: \(x)") }
                if let x = r.hindered { parts.append("in the way: \(x)") }
                out += wrap(parts.joined(separator: " · "), indent: "    ", hanging: "      ")
            }
        }
        if !goal.notes.isEmpty {
            out.append("  " + bold(h.goalNotes))
            out += goal.notes.flatMap { noteLines($0, indent: "    ") }
        }
        return out
    }

    private func noteLines(_ note: Note, indent: String) -> [String] {
        var out = wrap(note.question, indent: indent).map(bold)
        switch note.answer {
        case .text(let t): out += t.split(separator: "\n").flatMap { wrap(String($0), indent: indent + "  ") }
        case .items(let items): out += items.flatMap { bullet($0, indent: indent + "  ") }
        }
        return out
    }

    private func bullet(_ text: String, indent: String = "  ") -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).enumerated().flatMap { i, line in
            wrap(String(line), indent: indent + (i == 0 ? "• " : "  "), hanging: indent + "  ")
        }
    }

    /// Word-wraps one line of text to the width; later lines take `hanging` (or the indent's width).
    func wrap(_ text: String, indent: String, hanging: String? = nil) -> [String] {
        let rest = hanging ?? String(repeating: " ", count: indent.unicodeScalars.count)
        var lines: [String] = []
        var current = indent
        var currentWidth = indent.unicodeScalars.count
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = word.unicodeScalars.count
            if !empty && currentWidth + 1 + w > options.width {
                lines.append(current)
                current = rest
                currentWidth = rest.unicodeScalars.count
                empty = true
            }
            if !empty {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += w
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// Ratings from 0 to 10 as block characters, one a rating.
    public static func sparkline(_ values: [Int]) -> String {
        sparkline(values.map(Double.init), low: 0, high: 10)
    }

    /// Values from `low` to `high` as block characters, one a value.
    public static func sparkline(_ values: [Double], low: Double, high: Double) -> String {
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let span = max(high - low, 1e-9)
        return String(
            values.map { v in
                let share = min(max((v - low) / span, 0), 1)
                return blocks[Int((share * Double(blocks.count - 1)).rounded(.down))]
            })
    }

    private var style: TerminalStyle { TerminalStyle(enabled: options.color) }
    private func heading(_ s: String) -> String { style.bold(s) }
    private func bold(_ s: String) -> String { style.bold(s) }
    private func dim(_ s: String) -> String { style.dim(s) }
    private func accent(_ s: String) -> String { style.accent(s) }
}
