import Foundation
import GoalPlanCore
import Testing

/// The charts on the printed page, measured from the SVG that `HTMLWriter` writes: every label
/// inside the picture, no label over another, and text no smaller than 8 pt on paper.
///
/// A label's box is an estimate, since the test has no fonts: each character 0.6 em wide (an
/// average for sans-serif digits and letters), 0.8 em above the baseline and 0.25 em below it,
/// placed by `x`, `y` and `text-anchor`.
@Suite struct PrintedChartTests {
    /// The narrowest column a chart is printed in: A4's 210 mm less the page's 15 mm margins
    /// on each side, in points. A chart no wider than this is printed at its own width.
    static let narrowestColumn = 180 / 25.4 * 72

    struct Label: CustomStringConvertible {
        var text: String
        var x, y, size: Double
        var anchor: String
        var left: Double {
            switch anchor {
            case "middle": x - width / 2
            case "end": x - width
            default: x
            }
        }
        var width: Double { Double(text.count) * 0.6 * size }
        var right: Double { left + width }
        var top: Double { y - 0.8 * size }
        var bottom: Double { y + 0.25 * size }
        func overlaps(_ o: Label) -> Bool { left < o.right && o.left < right && top < o.bottom && o.top < bottom }
        var description: String { "'\(text)' at (\(x), \(y)), \(size) units, anchor \(anchor)" }
    }

    struct Chart {
        var width, height: Double
        /// How wide the chart is printed, in points.
        var printedWidth: Double
        var labels: [Label]
        var caption: String
        var points: Int
        /// Print points per unit of the picture.
        var scale: Double { printedWidth / width }
    }

    static func attributes(_ tag: Substring) -> [String: String] {
        Dictionary(
            tag.matches(of: /([a-zA-Z-]+)="([^"]*)"/).map { (String($0.output.1), String($0.output.2)) },
            uniquingKeysWith: { a, _ in a })
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A CSS or SVG length in points: a bare number is CSS pixels (3/4 pt).
    static func points(_ length: String) -> Double? {
        let units: [(String, Double)] = [("px", 0.75), ("pt", 1), ("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72)]
        for (unit, factor) in units where length.hasSuffix(unit) {
            return Double(length.dropLast(unit.count)).map { $0 * factor }
        }
        return Double(length).map { $0 * 0.75 }
    }

    /// The font size, in units of the picture, that the page's style sheet gives chart text
    /// (`svg.chart text { font: 9px ... }`), if it gives one.
    static func styledFontSize(_ html: String) -> Double? {
        for rule in html.matches(of: /svg\.chart text\s*\{([^}]*)\}/) {
            if let m = String(rule.output.1).firstMatch(of: /font(?:-size)?\s*:[^;]*?([0-9.]+)px/) {
                return Double(m.output.1)
            }
        }
        return nil
    }

    /// Every chart in a page, its labels with the font size each is drawn at.
    static func charts(in html: String) throws -> [Chart] {
        let styled = styledFontSize(html)
        var out: [Chart] = []
        for figure in html.matches(of: /<figure>(<svg class="chart"[^>]*>)(.*?)<\/svg><figcaption>(.*?)<\/figcaption>/)
        {
            let svg = attributes(figure.output.1)
            let box = try #require(svg["viewBox"]).split(separator: " ").compactMap { Double($0) }
            try #require(box.count == 4 && box[0] == 0 && box[1] == 0, "viewBox \(svg["viewBox"] ?? "")")
            let printed = try #require(svg["width"].flatMap(points), "a chart without a width")
            var labels: [Label] = []
            for text in figure.output.2.matches(of: /<text([^>]*)>([^<]*)<\/text>/) {
                let a = attributes(text.output.1)
                let size = try #require(
                    a["font-size"].flatMap(Double.init) ?? svg["font-size"].flatMap(Double.init) ?? styled,
                    "no font size for \(text.output.0)")
                labels.append(
                    Label(
                        text: unescape(String(text.output.2)), x: try #require(a["x"].flatMap(Double.init)),
                        y: try #require(a["y"].flatMap(Double.init)), size: size, anchor: a["text-anchor"] ?? "start"))
            }
            out.append(
                Chart(
                    width: box[2], height: box[3], printedWidth: printed, labels: labels,
                    caption: unescape(String(figure.output.3)),
                    points: figure.output.2.matches(of: /<circle/).count))
        }
        return out
    }

    /// What is wrong with a chart's labels, one line each: outside the picture, over another
    /// label, smaller than 8 pt on paper; and a chart wider than the column it is printed in.
    static func problems(_ chart: Chart) -> [String] {
        var out: [String] = []
        if chart.printedWidth > narrowestColumn { out.append("wider than the column, so shrunk when printed") }
        for label in chart.labels {
            if label.left < 0 || label.right > chart.width || label.top < 0 || label.bottom > chart.height {
                out.append("\(label) is not inside the \(chart.width) × \(chart.height) picture")
            }
            let printed = label.size * chart.scale
            if printed < 8 { out.append("\(label) prints at \((printed * 100).rounded() / 100) pt") }
        }
        for (i, a) in chart.labels.enumerated() {
            for b in chart.labels[(i + 1)...] where a.overlaps(b) { out.append("\(a) overlaps \(b)") }
        }
        return out
    }

    static func check(_ chart: Chart, _ name: String) {
        let found = problems(chart)
        let clean = found.isEmpty
        #expect(clean, "\(name): \(found.count) problems:\n  \(found.joined(separator: "\n  "))")
    }

    static func day(_ offset: Int) -> CalendarDate {
        // From 1 December 2026, a week apart: the dates cross a year.
        var date = CalendarDate(year: 2026, month: 12, day: 1)!
        for _ in 0..<(offset * 7) {
            date =
                CalendarDate(year: date.year, month: date.month, day: date.day + 1)
                ?? CalendarDate(year: date.year, month: date.month + 1, day: 1)
                ?? CalendarDate(year: date.year + 1, month: 1, day: 1)!
        }
        return date
    }

    /// A goal rated `count` times: at the start, then at a review every week; from 0 up to
    /// 10, so that both ends of the scale have a label.
    static func goal(_ title: String, ratings count: Int) -> Goal {
        let value = { (i: Int) in count == 1 ? 10 : (i * 10 + (count - 1) / 2) / (count - 1) }
        return Goal(
            title: title, ratings: [Rating(date: day(0), value: value(0))],
            reviews: (1..<max(count, 1)).map { Review(date: day($0), rating: value($0)) })
    }

    static let ratingCounts = [1, 2, 3, 5, 8, 12, 15, 20, 40]

    @Test(arguments: ratingCounts)
    func aGoalsChartHasEveryLabelInsideApartAndReadable(_ count: Int) throws {
        let plan = Plan(
            started: Self.day(0),
            goals: [Self.goal("Read more", ratings: 2), Self.goal("Sleep by 11", ratings: count)])
        let html = HTMLWriter().write(plan)
        let charts = try Self.charts(in: html)
        try #require(charts.count == 2)
        let chart = charts[1]
        #expect(chart.points == count)
        Self.check(chart, "\(count) ratings")
        // The caption names the goal; the first and last dates are always labelled, and with
        // up to 15 ratings every value is.
        #expect(chart.caption == "Progress on goal 2: Sleep by 11")
        let labelled = html.contains("aria-label=\"Progress on goal 2: Sleep by 11\"")
        #expect(labelled, "the picture is labelled for screen readers with the caption")
        let texts = chart.labels.map(\.text)
        for i in Set([0, count - 1]) {
            let d = Self.day(i)
            #expect(texts.contains("\(d.day) \(CalendarDate.monthName(d.month).prefix(3))"), "date \(i)")
        }
        if count <= 15 {
            let values = chart.labels.filter { $0.anchor == "middle" && Int($0.text) != nil }
            #expect(values.count >= count, "\(values.count) values labelled of \(count)")
        }
        #expect(texts.contains("10"))
        let dates = chart.labels.filter { $0.text.contains(" ") }
        #expect(dates.count >= min(count, 4), "\(dates.count) dates labelled")
    }

    @Test func anUntitledGoalsChartIsNamedByItsNumber() throws {
        let plan = Plan(started: Self.day(0), goals: [Self.goal("", ratings: 3)])
        let charts = try Self.charts(in: HTMLWriter().write(plan))
        #expect(charts.map(\.caption) == ["Progress on goal 1"])
    }

    @Test(arguments: [3, 12, 30])
    func aMeasuresChartHasEveryLabelInsideApartAndReadable(_ count: Int) throws {
        // Goal attainment T-scores with a decimal, below 20 and above 80; PHQ-9 up to 27.
        let gas = (0..<count).map {
            MeasureResult(
                id: MeasureResult.goalAttainment, name: "Goal attainment (T-score)", date: Self.day($0),
                score: [18.3, 63.7, 81.2, 50][$0 % 4])
        }
        let phq = (0..<count).map {
            MeasureResult(
                id: "phq9", name: "PHQ-9", date: Self.day($0), score: Double([27, 4, 13][$0 % 3]), maximum: 27)
        }
        var plan = Plan(started: Self.day(0))
        plan.measures = gas + phq
        let charts = try Self.charts(in: HTMLWriter().write(plan))
        try #require(charts.count == 2)
        for chart in charts { Self.check(chart, "\(chart.caption), \(count) scores") }
        #expect(charts.allSatisfy { $0.labels.contains { $0.text == "81.2" || $0.text == "27" } })
    }

    @Test func noStyleRuleResizesAChart() {
        // The printed size above is the chart's own width; a style sheet that set another
        // would change every figure measured here.
        let html = HTMLWriter().write(Plan(started: Self.day(0), goals: [Self.goal("Walk", ratings: 3)]))
        for rule in html.matches(of: /([^{};]*svg[^{};]*)\{([^}]*)\}/) {
            #expect(
                String(rule.output.2).firstMatch(of: /(^|[^-])\b(width|height|zoom|transform)\s*:/) == nil,
                "\(rule.output.0)")
        }
    }
}
