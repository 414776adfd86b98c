/// The plan as one self-contained HTML page for paper: no network, no scripts, a print
/// stylesheet for A4 and US Letter, each goal's ratings drawn as a small SVG chart, the dates
/// on every printed page, and room for handwritten notes. Every piece of text is escaped.
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
        let document = PlanDocument(plan, clientCopy: clientCopy)
        let title = document.title
        let dates = document.dates
        var body: [String] = []
        body.append("<header><h1>\(esc(title))</h1><p class=\"dates\">\(esc(dates))</p></header>")
        for section in document.sections { body.append(self.section(section)) }
        body.append(
            "<section class=\"space\"><h2>Notes</h2>" + String(repeating: "<div class=\"line\"></div>", count: 8)
                + "</section>")
        return """
            <!DOCTYPE html>
            <html lang="en">
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
            var out = ["<section class=\"goal\">\(heading)"]
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
                        caption: "Progress (0-10) over time"))
            }
            out += parts.map(part)
            out.append(
                "<div class=\"space\"><div class=\"line\"></div><div class=\"line\"></div><div class=\"line\"></div></div>"
            )
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
            return ([title + "<dl>"] + obstacles.map { fact($0.what, $0.plan ?? "") } + ["</dl>"]).joined(
                separator: "\n")
        case .levels(let levels):
            var out = [
                title + "<table><thead><tr><th>Level</th><th>What it would look like</th></tr></thead><tbody>"
            ]
            for level in levels { out.append("<tr><td>\(esc(level.label))</td><td>\(esc(level.value))</td></tr>") }
            out.append("</tbody></table>")
            return out.joined(separator: "\n")
        case .reviews(let reviews):
            // Level and confidence only when some review has them.
            let withLevel = reviews.contains { $0.level != nil }
            let withConfidence = reviews.contains { $0.confidence != nil }
            let levelHeads = (withLevel ? "<th>Level</th>" : "") + (withConfidence ? "<th>Confidence</th>" : "")
            var out = [
                title
                    + "<table class=\"reviews\"><thead><tr><th>Date</th><th>Progress</th>\(levelHeads)<th>What helped</th><th>What got in the way</th><th>Decision</th><th>Why</th></tr></thead><tbody>"
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
            parts.append(
                "<table class=\"measure\"><thead><tr><th>Date</th><th>Score</th><th>Band</th></tr></thead><tbody>")
            for r in rows {
                let score = ComputedValue.format(r.score) + (r.maximum.map { " of \(ComputedValue.format($0))" } ?? "")
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
                    chart(rows.map { ($0.date, $0.score) }, low: low, high: high, caption: "\(name) over time"))
            }
        }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// Values over time as a line on a scale from `low` to `high`.
    func chart(_ points: [(CalendarDate, Double)], low: Double, high: Double, caption: String) -> String {
        let (width, height, left, top, bottom) = (320.0, 120.0, 28.0, 10.0, 22.0)
        let plotWidth = width - left - 10
        let plotHeight = height - top - bottom
        func x(_ i: Int) -> Double {
            points.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(points.count - 1)
        }
        let span = max(high - low, 1e-9)
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (min(max(v, low), high) - low) / span) }
        let middle = ((low + high) / 2).rounded()
        var svg = [
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(esc(caption))\">"
        ]
        for v in [low, middle, high] {
            svg.append(
                "<line class=\"grid\" x1=\"\(fmt(left))\" y1=\"\(fmt(y(v)))\" x2=\"\(fmt(width - 10))\" y2=\"\(fmt(y(v)))\"/>"
            )
            svg.append(
                "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\">\(ComputedValue.format(v))</text>"
            )
        }
        if points.count > 1 {
            let path = points.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element.1)))" }.joined(separator: " ")
            svg.append("<polyline class=\"trend\" points=\"\(path)\"/>")
        }
        for (i, p) in points.enumerated() {
            svg.append("<circle class=\"point\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(p.1)))\" r=\"3.5\"/>")
            svg.append(
                "<text class=\"value\" x=\"\(fmt(x(i)))\" y=\"\(fmt(y(p.1) - 7))\" text-anchor=\"middle\">\(ComputedValue.format(p.1))</text>"
            )
            let day = "\(p.0.day) \(CalendarDate.monthNames[p.0.month - 1].prefix(3))"
            svg.append(
                "<text class=\"axis\" x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(esc(day))</text>"
            )
        }
        svg.append("</svg>")
        return "<figure>\(svg.joined())<figcaption>\(esc(caption))</figcaption></figure>"
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
    /// foot of every page (CSS page margin boxes).
    static func pageCSS(running: String, paper: Paper) -> String {
        """
        @page { size: \(paper.css); margin: 16mm 15mm 20mm;
          @bottom-left { content: "\(cssString(running))"; font: 8pt sans-serif; color: #555; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }

        """
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
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .4em 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
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
        svg.chart .grid { stroke: #ddd; stroke-width: 1; }
        svg.chart .trend { fill: none; stroke: #1f5f8b; stroke-width: 2; }
        svg.chart .point { fill: #1f5f8b; }
        svg.chart text { font: 9px sans-serif; fill: #444; }
        svg.chart .value { fill: #1a1a1a; font-weight: bold; }
        .note .question { font-weight: bold; margin: .6em 0 .1em; }
        .note p { margin: .1em 0; }
        .written { white-space: pre-wrap; }
        .space .line { border-bottom: 1px solid #bbb; height: 1.7em; }
        .clinician { border: 1px dashed #999; padding: 0 .8em .6em; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          section.goal { break-before: auto; }
          h2 + dl, h2 + p, h3 + ul, h3 + table, h3 + dl { break-before: avoid; }
          figure, dl, .note { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
