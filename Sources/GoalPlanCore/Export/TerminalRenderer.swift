/// The plan for reading in a terminal: wrapped to a width (`TerminalText`: at the places Unicode
/// allows a break, by real character widths), headings and ticked steps easy to scan, each
/// goal's ratings over time as a small chart. Styling only when asked for; in plain mode (for
/// a screen reader) no charts, bullets or arrows, and steps say "Done" or "To do". It speaks
/// the plan's language, whatever the screen's.
public struct TerminalRenderer: Sendable {
    public struct Options: Sendable {
        public var width: Int
        public var color: Bool
        public var clientCopy: Bool
        public var plain: Bool
        public init(width: Int = 80, color: Bool = false, clientCopy: Bool = false, plain: Bool = false) {
            self.width = max(width, 30)
            self.color = color && !plain
            self.clientCopy = clientCopy
            self.plain = plain
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func render(_ plan: Plan) -> String {
        MessageCatalog.$current.withValue(.builtIn(plan.language)) {
            format(PlanDocument(plan, clientCopy: options.clientCopy))
        }
    }

    /// The document's sections, one after another, a blank line between them, in the
    /// document's language.
    public func format(_ document: PlanDocument) -> String {
        MessageCatalog.$current.withValue(.builtIn(document.language)) { formatInItsLanguage(document) }
    }

    private func formatInItsLanguage(_ document: PlanDocument) -> String {
        var out = [bold(document.title)]
        out += wrap(document.dates, indent: "")
        for section in document.sections {
            out.append("")
            if let title = section.heading { out.append(heading(title)) }
            switch section.content {
            case .list(let entries, _):
                out += entries.flatMap { bullet($0) }
            case .goal(let facts, let progress, let parts):
                out += factLines(facts, progress: progress)
                for part in parts { out += partLines(part) }
            case .measures(let rows):
                out += measureLines(rows)
            case .parts(let parts):
                for part in parts { out += partLines(part) }
            case .notes(let notes):
                out += notes.flatMap { noteLines($0, indent: "  ") }
            case .record(let facts):
                // Each fact on its line, a value's later lines (and the wrapped rest of each)
                // under it.
                for f in facts {
                    out += f.value.split(separator: "\n").enumerated().flatMap { i, line in
                        wrap(
                            i == 0 ? "\(f.label): \(line)" : String(line), indent: i == 0 ? "  " : "    ",
                            hanging: "    ")
                    }
                }
            case .kept(let text):
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                    out += line.trimmingSpaces.isEmpty ? [""] : wrap(line, indent: "  ")
                }
            }
        }
        // A screen reader says "middle dot": plain mode separates with commas (never wider).
        if options.plain { out = out.map { $0.replacing(" · ", with: ", ").replacing("·", with: ",") } }
        return out.joined(separator: "\n") + "\n"
    }

    /// A goal's facts, its progress as a series with a small chart where the facts place it.
    private func factLines(_ facts: [PlanDocument.Fact], progress: [PlanDocument.Point]) -> [String] {
        facts.flatMap { f -> [String] in
            if f.isProgress {
                let ratings = progress.map(\.value)
                let series = ratings.map(String.init).joined(separator: arrow)
                let chart = options.plain ? "" : "   " + accent(Self.sparkline(ratings))
                return wrap("\(f.label): \(series)\(chart)", indent: "  ", hanging: "    ")
            }
            return wrap("\(f.label): \(f.value)", indent: "  ", hanging: "    ")
        }
    }

    /// A titled part: its title in bold, then its body.
    private func partLines(_ part: PlanDocument.Part) -> [String] {
        var out = ["  " + bold(part.title)]
        switch part.body {
        case .bullets(let items):
            out += items.flatMap { bullet($0, indent: "    ") }
        case .checklist(let steps):
            for step in steps {
                let box =
                    options.plain
                    ? (step.done ? tr("Done:", context: "plan") : tr("To do:", context: "plan"))
                    : step.done ? "[x]" : "[ ]"
                let lines = wrap(step.text, indent: "    \(box) ")
                out += step.done ? lines.map(dim) : lines
            }
        case .obstacles(let obstacles):
            for o in obstacles {
                out += wrap(o.plan.map { "\(o.what): \($0)" } ?? o.what, indent: "    " + bulletMark, hanging: "      ")
            }
        case .levels(let levels):
            for level in levels {
                // The level's number alone ("-2", " 0"), lined up.
                let number = String(level.label.split(separator: " ").first ?? "")
                let label = String(repeating: " ", count: max(0, 2 - number.count)) + number
                out += wrap(level.value, indent: "    \(label)  ", hanging: "        ")
            }
        case .reviews(let reviews):
            for r in reviews {
                var parts = [r.date.iso + (r.rating.map { ": \($0)/10" } ?? "")]
                if let level = r.level { parts.append(tr("level \(PlanHeadings.level(level))", context: "plan")) }
                if let c = r.confidence { parts.append(tr("confidence \(c)/10", context: "plan")) }
                if let d = r.decision { parts.append(d + (r.reason.map { " (\($0))" } ?? "")) }
                if let x = r.helped { parts.append(tr("helped: \(x)", context: "plan")) }
                if let x = r.hindered { parts.append(tr("in the way: \(x)", context: "plan")) }
                out += wrap(parts.joined(separator: options.plain ? "; " : " · "), indent: "    ", hanging: "      ")
            }
        case .notes(let notes):
            out += notes.flatMap { noteLines($0, indent: "    ") }
        }
        return out
    }

    /// Each measure's scores over time, oldest first, with a small chart of the trend.
    private func measureLines(_ measures: [[MeasureResult]]) -> [String] {
        var out: [String] = []
        for rows in measures {
            guard let id = rows.first?.id else { continue }
            let name = rows.last?.name ?? id
            let most = rows.compactMap(\.maximum).max() ?? rows.map(\.score).max() ?? 1
            let least = id == MeasureResult.goalAttainment ? (rows.map(\.score).min() ?? 0) : 0
            let series = rows.map { r in
                ComputedValue.format(r.score)
                    + (r.maximum.map { " \(PlanHeadings.scoreOf) \(ComputedValue.format($0))" } ?? "")
                    + (r.band.map { " \($0)" } ?? "") + " (\(r.date.iso))"
            }
            let chart = options.plain ? "" : " " + accent(Self.sparkline(rows.map(\.score), low: least, high: most))
            out += wrap("\(name): " + series.joined(separator: arrow) + chart, indent: "  ", hanging: "    ")
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
            wrap(String(line), indent: indent + (i == 0 ? bulletMark : "  "), hanging: indent + "  ")
        }
    }

    /// Wraps one line of text to the width after `indent`; later lines take `hanging` (or
    /// as many spaces as the indent is wide).
    func wrap(_ text: String, indent: String, hanging: String? = nil) -> [String] {
        TerminalText.wrap(text, width: options.width, indent: indent, hanging: hanging)
    }

    /// A list item's mark: a bullet, or in plain mode a dash, which a screen reader passes over.
    private var bulletMark: String { options.plain ? "- " : "• " }

    /// Between the values of a series: an arrow, or in plain mode words.
    private var arrow: String { options.plain ? tr(", then ", context: "plan") : " → " }

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
