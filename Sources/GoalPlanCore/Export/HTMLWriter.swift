/// The plan as one self-contained HTML page for paper: no network, no scripts, a print
/// stylesheet for A4 and US Letter, each goal's ratings drawn as a small SVG chart, the dates
/// on every printed page, and room for handwritten notes. Every piece of text is escaped. The
/// page speaks the plan's language (and says which, `<html lang="es">`), whatever the screen's.
public struct HTMLWriter: Sendable {
    /// The paper the page is laid out for: whatever the printer uses, A4, or US Letter.
    public enum Paper: String, CaseIterable, Sendable {
        case auto, a4, letter
        var css: String {
            switch self {
            case .auto: "auto"
            case .a4: "A4"
            case .letter: "letter"
            }
        }
    }

    public var clientCopy: Bool
    public var paper: Paper

    public init(clientCopy: Bool = false, paper: Paper = .auto) {
        self.clientCopy = clientCopy
        self.paper = paper
    }

    public func write(_ plan: Plan) -> String {
        MessageCatalog.$current.withValue(.builtIn(plan.language)) {
            write(PlanDocument(plan, clientCopy: clientCopy))
        }
    }

    /// The page of a document, in the document's language.
    public func write(_ document: PlanDocument) -> String {
        MessageCatalog.$current.withValue(.builtIn(document.language)) { writeInItsLanguage(document) }
    }

    private func writeInItsLanguage(_ document: PlanDocument) -> String {
        let title = document.title
        let dates = document.dates
        var body: [String] = []
        body.append("<header><h1>\(esc(title))</h1><p class=\"dates\">\(esc(dates))</p></header>")
        for section in document.sections { body.append(self.section(section)) }
        // Room to write: one unbreakable block with its heading, kept with what comes before
        // it where the page allows, so that lines never start a page alone.
        body.append(
            "<section class=\"space\"><div class=\"sheet\"><h2>\(esc(PlanHeadings.goalNotes))</h2>"
                + String(repeating: "<div class=\"line\"></div>", count: 6) + "</div></section>")
        return """
            <!DOCTYPE html>
            <html lang="\(esc(document.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title))</title>
            <style>\(Self.css)\(Self.pageCSS(running: "\(title) · \(dates)", paper: paper))</style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// One section of the document, as the page lays it out.
    private func section(_ section: PlanDocument.Section) -> String {
        let heading = section.heading.map { "<h2>\(esc($0))</h2>" } ?? ""
        switch section.content {
        case .list(let entries, let prose):
            return
                "<section>\(heading)\(prose && entries.count == 1 ? paragraphs(entries[0]) : list(entries))</section>"
        case .goal(let facts, let progress, let parts):
            // The heading, facts and chart stay on one page (class "keep").
            var out = ["<section class=\"goal\"><div class=\"keep\">\(heading)"]
            let shown = facts.map { f in
                f.isProgress
                    ? fact(f.label, progress.map { "\($0.value) (\($0.date.longForm))" }.joined(separator: ", "))
                    : fact(f.label, f.value)
            }
            if !shown.isEmpty { out.append("<dl>\(shown.joined())</dl>") }
            if !progress.isEmpty {
                out.append(
                    chart(
                        progress.map { ($0.date, Double($0.value)) }, low: 0, high: 10,
                        caption: section.caption ?? tr("Progress over time", context: "plan")))
            }
            out.append("</div>")
            out += parts.map(part)
            out.append(
                "<div class=\"space\"><div class=\"sheet\">" + String(repeating: "<div class=\"line\"></div>", count: 3)
                    + "</div></div>")
            out.append("</section>")
            return out.joined(separator: "\n")
        case .measures(let rows):
            return measuresSection(rows)
        case .parts(let parts):
            return "<section class=\"\(section.kind.rawValue)\">\(heading)\(parts.map(part).joined())</section>"
        case .notes(let notes):
            return "<section>\(heading)\(notes.map(note).joined())</section>"
        case .record(let facts):
            let shown = facts.map { fact($0.label, $0.value) }.joined()
            return "<section class=\"clinician\">\(heading)<dl>\(shown)</dl></section>"
        case .kept(let text):
            return "<section>\(heading)<div class=\"written\">\(esc(text.trimmingSpaces))</div></section>"
        }
    }

    /// A titled part of a section: a goal's steps, obstacles, helpers, levels, reviews or notes,
    /// or a part of the safety plan.
    private func part(_ part: PlanDocument.Part) -> String {
        let title = "<h3>\(esc(part.title))</h3>"
        switch part.body {
        case .bullets(let items):
            return title + list(items)
        case .checklist(let steps):
            var out = [title + "<ul class=\"steps\">"]
            for step in steps {
                out.append(
                    "<li class=\"\(step.done ? "done" : "open")\"><span class=\"box\">\(step.done ? "☑" : "☐")</span> \(lines(step.text))</li>"
                )
            }
            out.append("</ul>")
            return out.joined(separator: "\n")
        case .obstacles(let obstacles):
            // Stacked, each plan under its obstacle: a long obstacle never squeezes its plan.
            return ([title + "<dl class=\"stacked\">"] + obstacles.map { fact($0.what, $0.plan ?? "") } + ["</dl>"])
                .joined(separator: "\n")
        case .levels(let levels):
            var out = [
                title + "<table><thead><tr><th>\(esc(PlanHeadings.reviewLevel))</th><th>"
                    + esc(tr("What it would look like", context: "plan")) + "</th></tr></thead><tbody>"
            ]
            for level in levels { out.append("<tr><td>\(esc(level.label))</td><td>\(esc(level.value))</td></tr>") }
            out.append("</tbody></table>")
            return out.joined(separator: "\n")
        case .reviews(let reviews):
            // Level and confidence only when some review has them.
            let withLevel = reviews.contains { $0.level != nil }
            let withConfidence = reviews.contains { $0.confidence != nil }
            let h = PlanHeadings.self
            let heads =
                [tr("Date", context: "plan"), tr("Progress", context: "plan")]
                + (withLevel ? [h.reviewLevel] : []) + (withConfidence ? [tr("Confidence", context: "plan")] : [])
                + [h.reviewHelped, h.reviewHindered, h.reviewDecision, h.reviewReason]
            var out = [
                title + "<table class=\"reviews\"><thead><tr>" + heads.map { "<th>\(esc($0))</th>" }.joined()
                    + "</tr></thead><tbody>"
            ]
            for r in reviews {
                let cells =
                    [r.date.longForm, r.rating.map(String.init) ?? ""]
                    + (withLevel ? [r.level.map(PlanHeadings.level) ?? ""] : [])
                    + (withConfidence ? [r.confidence.map(String.init) ?? ""] : [])
                    + [r.helped ?? "", r.hindered ?? "", r.decision ?? "", r.reason ?? ""]
                out.append("<tr>" + cells.map { "<td>\(esc($0))</td>" }.joined() + "</tr>")
            }
            out.append("</tbody></table>")
            return out.joined(separator: "\n")
        case .notes(let notes):
            return title + notes.map(note).joined()
        }
    }

    /// Each measure: a table of its results and, with two or more, its trend as a chart.
    private func measuresSection(_ measures: [[MeasureResult]]) -> String {
        var parts = ["<section class=\"measures\"><h2>\(esc(PlanHeadings.measures))</h2>"]
        for rows in measures {
            guard let id = rows.first?.id else { continue }
            let name = rows.last?.name ?? id
            let code = rows.compactMap(\.code).last.map { " <span class=\"code\">(\(esc($0)))</span>" } ?? ""
            parts.append("<h3>\(esc(name))\(code)</h3>")
            let heads = [tr("Date", context: "plan"), tr("Score", context: "plan"), tr("Band", context: "plan")]
            parts.append(
                "<table class=\"measure\"><thead><tr>" + heads.map { "<th>\(esc($0))</th>" }.joined()
                    + "</tr></thead><tbody>")
            for r in rows {
                let score =
                    ComputedValue.format(r.score)
                    + (r.maximum.map { " \(PlanHeadings.scoreOf) \(ComputedValue.format($0))" } ?? "")
                parts.append(
                    "<tr><td>\(esc(r.date.longForm))</td><td>\(esc(score))</td><td>\(esc(r.band ?? ""))</td></tr>")
            }
            parts.append("</tbody></table>")
            if rows.count > 1 {
                let gas = id == MeasureResult.goalAttainment
                let low = gas ? min(20, rows.map(\.score).min() ?? 20) : 0
                let high =
                    rows.compactMap(\.maximum).max()
                    ?? (gas ? max(80, rows.map(\.score).max() ?? 80) : rows.map(\.score).max() ?? 1)
                parts.append(
                    chart(
                        rows.map { ($0.date, $0.score) }, low: low, high: high,
                        caption: tr("\(name) over time", context: "plan")))
            }
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// How a chart is drawn. The picture is printed at its own size, one unit a CSS pixel
    /// (3/4 pt): 480 units are 127 mm, narrower than the column on A4 or Letter, so nothing
    /// scales it and 11-unit text prints at 8.25 pt.
    enum Chart {
        static let width = 480.0
        static let height = 150.0
        static let fontSize = 11.0
        /// A generous guess at a label's width per character, in em: DejaVu Sans's digits are
        /// 0.64 em, its bold ones 0.7 em, and most letters narrower.
        static let charWidth = 0.7
        /// Space kept between two labels.
        static let gap = 6.0
        /// From a value label's baseline up to its point.
        static let valueRise = 7.0
        static func labelWidth(_ text: String) -> Double { Double(text.count) * charWidth * fontSize }
    }

    /// Values over time as a line on a scale from `low` to `high`, every label inside the
    /// picture: the scale on the left, each value above its point, the dates below. With
    /// more points than fit, dates are thinned to the first, the last and evenly spaced ones
    /// between, and values to those that do not touch another (the latest first).
    func chart(_ points: [(CalendarDate, Double)], low: Double, high: Double, caption: String) -> String {
        let (width, height, size) = (Chart.width, Chart.height, Chart.fontSize)
        let middle = ((low + high) / 2).rounded()
        let scale = [low, middle, high]
        // Room on the left for the scale's widest label, at the top for a value label above
        // the highest point, and at the bottom for the dates under the scale's lowest label.
        let left = 4 + (scale.map { Chart.labelWidth(ComputedValue.format($0)) }.max() ?? 0) + Chart.gap
        let top = Chart.valueRise + size + 4
        let bottom = 2 * size + 6
        let dates = points.map { "\($0.0.day) \(CalendarDate.monthName($0.0.month).prefix(3))" }
        let values = points.map { ComputedValue.format($0.1) }
        // The first and last points sit far enough in for their labels to fit either side.
        let halfLabel = ((dates + values).map(Chart.labelWidth).max() ?? 0) / 2
        let inset = halfLabel + 4
        let plotLeft = left + inset
        let plotRight = width - inset
        let plotHeight = height - top - bottom
        func x(_ i: Int) -> Double {
            points.count == 1
                ? (plotLeft + plotRight) / 2 : plotLeft + (plotRight - plotLeft) * Double(i) / Double(points.count - 1)
        }
        let span = max(high - low, 1e-9)
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (min(max(v, low), high) - low) / span) }
        var svg = [
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-size=\"\(fmt(size))\" role=\"img\" aria-label=\"\(esc(caption))\">"
        ]
        for v in scale {
            svg.append(
                "<line class=\"grid\" x1=\"\(fmt(left))\" y1=\"\(fmt(y(v)))\" x2=\"\(fmt(width - 2))\" y2=\"\(fmt(y(v)))\"/>"
            )
            svg.append(
                "<text class=\"axis\" x=\"\(fmt(left - Chart.gap))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\">\(ComputedValue.format(v))</text>"
            )
        }
        if points.count > 1 {
            let path = points.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element.1)))" }.joined(separator: " ")
            svg.append("<polyline class=\"trend\" points=\"\(path)\"/>")
        }
        let labelledDates = Set(Self.spread(points.indices.map { (x($0), Chart.labelWidth(dates[$0])) }))
        let labelledValues = Set(
            Self.apart(points.indices.map { (x($0), y(points[$0].1), Chart.labelWidth(values[$0])) }))
        for (i, p) in points.enumerated() {
            svg.append("<circle class=\"point\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(p.1)))\" r=\"3.5\"/>")
            if labelledValues.contains(i) {
                svg.append(
                    "<text class=\"value\" x=\"\(fmt(x(i)))\" y=\"\(fmt(y(p.1) - Chart.valueRise))\" text-anchor=\"middle\">\(values[i])</text>"
                )
            }
            if labelledDates.contains(i) {
                svg.append(
                    "<text class=\"axis\" x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 5))\" text-anchor=\"middle\">\(esc(dates[i]))</text>"
                )
            }
        }
        svg.append("</svg>")
        return "<figure>\(svg.joined())<figcaption>\(esc(caption))</figcaption></figure>"
    }

    /// Which of a row of labels (center and width, left to right) to show so that none
    /// touches the next: all when they fit, else the first, the last and evenly spaced ones
    /// between, as many as fit.
    static func spread(_ labels: [(x: Double, width: Double)]) -> [Int] {
        guard labels.count > 2 else { return Array(labels.indices) }
        for count in stride(from: labels.count, through: 2, by: -1) {
            let step = Double(labels.count - 1) / Double(count - 1)
            let chosen = (0..<count).map { Int((Double($0) * step).rounded()) }
            let fits = zip(chosen, chosen.dropFirst()).allSatisfy { a, b in
                labels[b].x - labels[b].width / 2 - (labels[a].x + labels[a].width / 2) >= Chart.gap
            }
            if fits { return chosen }
        }
        return [labels.count - 1]
    }

    /// Which value labels (center, baseline of the point, width) to show so that none touches
    /// another: the latest first, then the first, then the rest in order, each kept when it
    /// is clear of those kept.
    static func apart(_ labels: [(x: Double, y: Double, width: Double)]) -> [Int] {
        guard let last = labels.indices.last else { return [] }
        let height = Chart.fontSize * 1.05
        var kept: [Int] = []
        for i in [last] + labels.indices.dropLast() {
            let clear = kept.allSatisfy { k in
                abs(labels[k].x - labels[i].x) >= (labels[k].width + labels[i].width) / 2 + 2
                    || abs(labels[k].y - labels[i].y) >= height + 1
            }
            if clear { kept.append(i) }
        }
        return kept
    }

    private func fmt(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private func fact(_ label: String, _ value: String) -> String {
        "<dt>\(esc(label))</dt><dd>\(lines(value))</dd>"
    }

    private func note(_ n: Note) -> String {
        let answer: String =
            switch n.answer {
            case .text(let t): paragraphs(t)
            case .items(let items): list(items)
            }
        return "<div class=\"note\"><p class=\"question\">\(esc(n.question))</p>\(answer)</div>"
    }

    private func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>\(lines($0))</li>" }.joined() + "</ul>"
    }

    private func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { "<p>\(esc(String($0)))</p>" }.joined()
    }

    /// Text with its line breaks kept.
    private func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { esc(String($0)) }.joined(separator: "<br>")
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private func esc(_ s: String) -> String { Self.escape(s) }

    /// The printed page: its margins, and the plan's name and dates with the page number at the
    /// foot of every page (CSS page margin boxes), in the current language.
    static func pageCSS(running: String, paper: Paper) -> String {
        """
        @page { size: \(paper.css); margin: 16mm 15mm 20mm;
          @bottom-left { content: "\(cssString(running))"; font: 8pt sans-serif; color: #555; }
          @bottom-right { content: \(pageNumber); font: 8pt sans-serif; color: #555; } }

        """
    }

    /// `"Page " counter(page) " of " counter(pages)`: the page number's words in the current
    /// language, around the counters the printer fills in (in whichever order they come).
    static var pageNumber: String {
        let (page, pages): (Character, Character) = ("\u{1}", "\u{2}")
        let words = tr("Page \(page) of \(pages)", context: "plan")
        var out: [String] = []
        var text = ""
        func endText() {
            if !text.isEmpty { out.append("\"\(cssString(text))\"") }
            text = ""
        }
        for c in words {
            switch c {
            case page:
                endText()
                out.append("counter(page)")
            case pages:
                endText()
                out.append("counter(pages)")
            default: text.append(c)
            }
        }
        endText()
        return out.joined(separator: " ")
    }

    /// Text for a CSS string: everything but letters, digits and spaces as a hex escape, so
    /// nothing a person wrote can end the string or the style sheet.
    static func cssString(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == " ") {
                out.unicodeScalars.append(c)
            } else {
                out += "\\" + String(c.value, radix: 16) + " "
            }
        }
        return out
    }

    static let css = """

        :root { color-scheme: light; }
        body { font: 11pt/1.45 "DejaVu Serif", Georgia, serif; color: #1a1a1a; max-width: 46em; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 20pt; margin: 0 0 .2em; }
        h2 { font-size: 14pt; margin: 1.4em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid #bbb; break-after: avoid; }
        h3 { font-size: 11.5pt; margin: 1em 0 .3em; break-after: avoid; }
        .dates { color: #444; margin: 0 0 1em; }
        dl { display: grid; grid-template-columns: fit-content(35%) 1fr; gap: .15em 1em; margin: .4em 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        dl.stacked { display: block; }
        dl.stacked dd { margin: 0 0 .35em 1.4em; }
        ul { margin: .3em 0; padding-left: 1.4em; }
        ul.steps { list-style: none; padding-left: .2em; }
        ul.steps .box { font-size: 13pt; display: inline-block; width: 1.2em; }
        ul.steps li.done { color: #555; }
        table { border-collapse: collapse; width: 100%; margin: .4em 0; font-size: 10pt; }
        th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        figure { margin: .5em 0; }
        figcaption { font-size: 9pt; color: #555; }
        svg.chart { display: block; max-width: 100%; }
        svg.chart .grid { stroke: #ddd; stroke-width: 1; }
        svg.chart .trend { fill: none; stroke: #1f5f8b; stroke-width: 2; }
        svg.chart .point { fill: #1f5f8b; }
        svg.chart text { font-family: "DejaVu Sans", sans-serif; fill: #444; }
        svg.chart .value { fill: #1a1a1a; font-weight: bold; }
        .note .question { font-weight: bold; margin: .6em 0 .1em; }
        .note p { margin: .1em 0; }
        .written { white-space: pre-wrap; }
        .space .line { border-bottom: 1px solid #bbb; height: 1.7em; }
        /* An inline block is never split across pages (break-inside: avoid is only a wish). */
        .space .sheet { display: inline-block; width: 100%; vertical-align: top; }
        .clinician { border: 1px dashed #999; padding: 0 .8em .6em; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          section.goal { break-before: auto; }
          h2 + dl, h2 + p, h3 + ul, h3 + table, h3 + dl { break-before: avoid; }
          figure, dl, .note, .keep, section.safety { break-inside: avoid; }
          /* Writing space goes with what comes before it, where the page allows. */
          .space { break-before: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
