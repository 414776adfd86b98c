import Foundation

/// Reads a plan back from its Markdown: the layout `MarkdownWriter` writes, with the edits a
/// person makes by hand in any editor (a ticked box, a reworded or added step, reflowed lines,
/// `*` or `+` for `-`, CRLF line endings, sections of their own).
public enum MarkdownReader {
    /// Why a plan could not be read, with the line (1-based) to look at.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func read(_ text: String) throws(Problem) -> Plan {
        var parser = Parser(text)
        return try parser.plan()
    }
}

private struct Line {
    var number: Int
    var text: String
    /// The text without leading and trailing spaces, worked out once.
    var trimmed: String
    /// The level of an ATX heading (`## ` is 2), or 0.
    var headingLevel: Int

    init(number: Int, text: String) {
        self.number = number
        self.text = text.utf8.contains(9) ? text.replacingOccurrences(of: "\t", with: "    ") : text
        self.trimmed = self.text.trimmingSpaces
        var level = 0
        for byte in trimmed.utf8 {
            if byte == UInt8(ascii: "#") {
                level += 1
            } else {
                if byte != UInt8(ascii: " ") { level = 0 }
                break
            }
        }
        if level == trimmed.utf8.count { level = 0 }
        headingLevel = level <= 6 ? level : 0
    }

    var isBlank: Bool { trimmed.isEmpty }
}

private struct Parser {
    var lines: [Line]
    var index = 0

    init(_ text: String) {
        var lines: [Line] = []
        var number = 0
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var bytes = raw[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            // A lone CR (old Mac files) also ends a line.
            if bytes.contains(UInt8(ascii: "\r")) {
                for part in bytes.split(separator: UInt8(ascii: "\r"), omittingEmptySubsequences: false) {
                    lines.append(Line(number: number, text: String(decoding: part, as: UTF8.self)))
                }
            } else {
                lines.append(Line(number: number, text: String(decoding: bytes, as: UTF8.self)))
            }
        }
        self.lines = lines
    }

    var current: Line? { index < lines.count ? lines[index] : nil }

    mutating func skipBlank() {
        while let line = current, line.isBlank { index += 1 }
    }

    func fail(_ message: String, at line: Line? = nil) -> MarkdownReader.Problem {
        MarkdownReader.Problem(line: (line ?? current)?.number ?? lines.count, message: message)
    }

    static func heading(_ line: Line, level: Int) -> String? {
        guard line.headingLevel == level else { return nil }
        var title = String(line.trimmed.dropFirst(level + 1)).trimmingSpaces
        // A closing run of #'s after a space is not part of the title.
        if let run = title.lastIndex(where: { $0 != "#" }), run < title.index(before: title.endIndex),
            title[run] == " "
        {
            title = String(title[..<run])
        } else if title.allSatisfy({ $0 == "#" }) {
            title = ""
        }
        return title.trimmingSpaces
    }

    /// The lines up to the next heading of `level` or above.
    mutating func body(until level: Int) -> [Line] {
        var out: [Line] = []
        while let line = current {
            if line.headingLevel >= 1 && line.headingLevel <= level { break }
            out.append(line)
            index += 1
        }
        return out
    }

    mutating func plan() throws(MarkdownReader.Problem) -> Plan {
        skipBlank()
        guard let titleLine = current, let title = Self.heading(titleLine, level: 1), title.hasPrefix("Goal plan")
        else {
            throw fail("expected the plan's title, '# Goal plan: NAME', at the top")
        }
        index += 1
        var plan = Plan(started: .epoch)
        // "Goal plan: NAME": one colon, then the name, which may itself start with a colon.
        var rest = title.dropFirst("Goal plan".count)
        if rest.first == ":" { rest = rest.dropFirst() }
        let name = rest.drop { $0 == " " }
        plan.name = name.isEmpty ? nil : Inline.unescape(String(name))
        skipBlank()
        guard let datesLine = current, datesLine.trimmed.hasPrefix("Started") else {
            throw fail("expected the dates line, 'Started 27 November 2026 · Next review 11 December 2026'")
        }
        index += 1
        let parts = datesLine.trimmed.components(separatedBy: "·").map { $0.trimmingSpaces }
        guard let started = Dates.parse(String(parts[0].dropFirst("Started".count))) else {
            throw fail("the start date could not be read; write it like 27 November 2026", at: datesLine)
        }
        plan.started = started
        for part in parts.dropFirst() where part.lowercased().hasPrefix("next review") {
            guard let review = Dates.parse(String(part.dropFirst("next review".count))) else {
                throw fail("the next review date could not be read; write it like 11 December 2026", at: datesLine)
            }
            plan.nextReview = review
        }
        let preamble = body(until: 2).filter { !$0.isBlank }
        if !preamble.isEmpty {
            plan.extraSections.append(RawSection(heading: "Notes", body: preamble.map(\.text)))
        }
        while let line = current {
            guard let heading = Self.heading(line, level: 2) else {
                index += 1
                continue
            }
            index += 1
            try section(heading, headingLine: line, into: &plan)
        }
        return plan
    }

    mutating func section(_ heading: String, headingLine: Line, into plan: inout Plan) throws(MarkdownReader.Problem) {
        let h = PlanHeadings.self
        switch heading {
        case h.concerns: plan.concerns = Blocks.entries(body(until: 2))
        case h.hopes: plan.hopes = Blocks.entries(body(until: 2), prose: true)
        case h.strengths: plan.strengths = Blocks.entries(body(until: 2))
        case h.supports: plan.supports = Blocks.entries(body(until: 2))
        case h.notes: plan.notes = Blocks.notes(body(until: 2))
        case h.clinician:
            var notes = ClinicianNotes()
            for (label, value, _) in Blocks.facts(body(until: 2)) {
                if label == h.approach { notes.approach = value }
                if label == h.interventions { notes.interventions = value }
                if label == h.checkIn {
                    if let checkIn = PlanHeadings.checkIn(from: value) {
                        notes.checkIns.append(checkIn)
                    } else {
                        plan.notes.append(Note(question: label, answer: .text(value)))
                    }
                }
            }
            plan.clinician = notes
        case h.safetyPlan:
            var safety = SafetyPlan()
            _ = body(until: 3)
            while let line = current, let title = Self.heading(line, level: 3) {
                index += 1
                let items = Blocks.entries(body(until: 3))
                if !PlanHeadings.setSafety(&safety, title, items) {
                    plan.notes.append(Note(question: title, answer: .items(items)))
                }
            }
            plan.safetyPlan = safety
        default:
            if heading.hasPrefix("Goal "), let goal = try goal(heading, at: headingLine) {
                plan.goals.append(goal)
            } else {
                var lines = body(until: 2).map(\.text)
                while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
                while lines.first?.trimmingSpaces.isEmpty == true { lines.removeFirst() }
                plan.extraSections.append(RawSection(heading: heading, body: lines))
            }
        }
    }

    mutating func goal(_ heading: String, at headingLine: Line) throws(MarkdownReader.Problem) -> Goal? {
        let rest = heading.dropFirst("Goal ".count)
        let numberPart = rest.prefix { $0.isNumber }
        guard !numberPart.isEmpty else { return nil }
        var goal = Goal()
        let after = rest.dropFirst(numberPart.count)
        if after.hasPrefix(":") { goal.title = Inline.unescape(String(after.dropFirst()).trimmingSpaces) }
        let h = PlanHeadings.self
        for (label, value, line) in Blocks.facts(body(until: 3)) {
            switch label {
            case h.area: goal.area = value
            case h.why: goal.why = value
            case h.measure: goal.measure = value
            case h.importance: goal.importance = try number(value, line, label)
            case h.confidence: goal.confidence = try number(value, line, label)
            case h.firstStep: goal.firstStep = value
            case h.progress:
                // Only the rating at the start lives here; later ones come from the reviews table.
                let first = value.components(separatedBy: ",")[0].trimmingSpaces
                guard first.contains("at the start") else { continue }
                let words = first.split(separator: " ", maxSplits: 1)
                guard let n = Int(words.first ?? ""), (0...10).contains(n) else {
                    throw fail("'\(label)' should start with a number from 0 to 10, like '2 at the start'", at: line)
                }
                var date: CalendarDate? = nil
                if let open = first.firstIndex(of: "("), let close = first.lastIndex(of: ")"), open < close {
                    date = Dates.parse(String(first[first.index(after: open)..<close]))
                }
                goal.ratings = [Rating(date: date ?? .epoch, value: n)]
            default:
                goal.notes.append(Note(question: label, answer: .text(value)))
            }
        }
        while let line = current, let title = Self.heading(line, level: 3) {
            index += 1
            let lines = body(until: 3)
            switch title {
            case h.steps: goal.steps = Blocks.steps(lines)
            case h.obstacles: goal.obstacles = Blocks.obstacles(lines)
            case h.helpers: goal.helpers = Blocks.entries(lines)
            case h.levels: goal.levels = Blocks.table(lines).map { $0.count > 1 ? $0[1] : "" }
            case h.reviews: goal.reviews = try reviews(Blocks.tableWithLines(lines))
            case h.goalNotes: goal.notes += Blocks.notes(lines)
            default:
                let text = lines.map(\.text).joined(separator: "\n").trimmingSpaces
                goal.notes.append(Note(question: title, answer: .text(text)))
            }
        }
        return goal
    }

    func number(_ value: String, _ line: Line, _ label: String) throws(MarkdownReader.Problem) -> Int {
        guard let n = Int(value.trimmingSpaces), (0...10).contains(n) else {
            throw fail("'\(label)' should be a number from 0 to 10, not '\(value)'", at: line)
        }
        return n
    }

    func reviews(_ rows: [([String], Line)]) throws(MarkdownReader.Problem) -> [Review] {
        var out: [Review] = []
        for (cells, line) in rows {
            guard let date = Dates.parse(cells.first ?? "") else {
                throw fail("a review's date should look like 2026-12-11, not '\(cells.first ?? "")'", at: line)
            }
            func cell(_ i: Int) -> String? {
                i < cells.count && !cells[i].isEmpty ? cells[i] : nil
            }
            var rating: Int? = nil
            if let text = cell(1) {
                guard let n = Int(text), (0...10).contains(n) else {
                    throw fail("a review's progress should be a number from 0 to 10, not '\(text)'", at: line)
                }
                rating = n
            }
            out.append(
                Review(
                    date: date, rating: rating, helped: cell(2), hindered: cell(3), decision: cell(4), reason: cell(5)))
        }
        return out
    }
}

/// Reading the blocks inside a section.
private enum Blocks {
    /// A list item's marker (`-`, `*` or `+`) and the rest, or nil.
    static func item(_ line: Line) -> String? {
        let t = line.trimmed
        guard let first = t.first, "-*+".contains(first), t.dropFirst().first == " " || t.count == 1 else { return nil }
        // A line of three or more marks is a rule, not an item.
        if t.allSatisfy({ $0 == first || $0 == " " }) && t.count(where: { $0 == first }) >= 3 { return nil }
        return String(t.dropFirst()).trimmingSpaces
    }

    /// List items with their continuation lines (joined by newlines), or paragraphs (their
    /// lines joined by spaces, one entry a paragraph).
    static func entries(_ lines: [Line], prose: Bool = false) -> [String] {
        // Prose with no list in it is one entry, a line to each paragraph.
        if prose, !lines.contains(where: { item($0) != nil }) {
            let paragraphs = entries(lines)
            return paragraphs.isEmpty ? [] : [paragraphs.joined(separator: "\n")]
        }
        var out: [String] = []
        var inItem = false
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { out.append(Inline.unescape(paragraph.joined(separator: " "))) }
            paragraph = []
        }
        var raw: [String] = []
        func flushItem() {
            if inItem { out.append(raw.map(Inline.unescape).joined(separator: "\n")) }
            raw = []
            inItem = false
        }
        for line in lines {
            if let text = item(line) {
                flush()
                flushItem()
                inItem = true
                raw = [text]
            } else if line.isBlank {
                flush()
                if inItem { flushItem() }
            } else if inItem {
                raw.append(line.trimmed)
            } else {
                paragraph.append(line.trimmed)
            }
        }
        flush()
        flushItem()
        return out.filter { !$0.isEmpty }
    }

    /// `- **Label:** value` items, with continuation lines joined by newlines.
    static func facts(_ lines: [Line]) -> [(String, String, Line)] {
        var out: [(String, String, Line)] = []
        for line in lines {
            if let text = item(line), text.hasPrefix("**"), let close = text.range(of: ":**") {
                let label = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound])
                out.append(
                    (Inline.unescape(label), Inline.unescape(String(text[close.upperBound...]).trimmingSpaces), line))
            } else if let text = item(line) {
                out.append(("", Inline.unescape(text), line))
            } else if !line.isBlank, let last = out.popLast() {
                out.append((last.0, last.1 + "\n" + Inline.unescape(line.trimmed), last.2))
            }
        }
        return out.map { ($0.0.isEmpty ? "Note" : $0.0, $0.1, $0.2) }
    }

    /// `- [ ] text` and `- [x] text`; an item without a box is a step not yet done.
    static func steps(_ lines: [Line]) -> [PlanStep] {
        var out: [PlanStep] = []
        for line in lines {
            if let text = item(line) {
                var done = false
                var rest = text
                if text.hasPrefix("[ ]") || text.hasPrefix("[x]") || text.hasPrefix("[X]") {
                    done = text.dropFirst().first != " "
                    rest = String(text.dropFirst(3)).trimmingSpaces
                }
                out.append(PlanStep(Inline.unescape(rest), done: done))
            } else if !line.isBlank, var last = out.popLast() {
                last.text += "\n" + Inline.unescape(line.trimmed)
                out.append(last)
            }
        }
        return out.filter { !$0.text.isEmpty }
    }

    /// `- **What:** plan` or `- What`.
    static func obstacles(_ lines: [Line]) -> [Obstacle] {
        facts(lines).map { label, value, _ in
            label == "Note" ? Obstacle(what: value) : Obstacle(what: label, plan: value.isEmpty ? nil : value)
        }
    }

    /// `**Question**` paragraphs, each followed by its answer: paragraphs or a list.
    static func notes(_ lines: [Line]) -> [Note] {
        var out: [Note] = []
        var question: String?
        var answer: [Line] = []
        func flush() {
            guard let q = question else { return }
            let hasItems = answer.contains { item($0) != nil }
            let entries = entries(answer)
            let value: Note.Answer = hasItems ? .items(entries) : .text(entries.joined(separator: "\n"))
            out.append(Note(question: q, answer: value))
        }
        for line in lines {
            let t = line.trimmed
            if t.hasPrefix("**"), t.hasSuffix("**"), t.count > 4, item(line) == nil {
                flush()
                question = Inline.unescape(String(t.dropFirst(2).dropLast(2)))
                answer = []
            } else {
                answer.append(line)
            }
        }
        flush()
        return out
    }

    static func table(_ lines: [Line]) -> [[String]] {
        tableWithLines(lines).map(\.0)
    }

    /// The body rows of a pipe table, cells unescaped; the header and delimiter rows dropped.
    static func tableWithLines(_ lines: [Line]) -> [([String], Line)] {
        var rows: [([String], Line)] = []
        for line in lines where line.trimmed.hasPrefix("|") {
            rows.append((cells(line.trimmed), line))
        }
        guard rows.count >= 2 else { return [] }
        return Array(rows.dropFirst(2))
    }

    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var escaped = false
        for c in row.unicodeScalars {
            if escaped {
                cell.append("\\")
                cell.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                cells.append(String(cell))
                cell = String.UnicodeScalarView()
            } else {
                cell.append(c)
            }
        }
        let last = String(cell)
        if !last.trimmingSpaces.isEmpty { cells.append(last) }
        return Array(cells.dropFirst()).map { Inline.unescape($0.trimmingSpaces) }
    }
}

/// Undoing `MarkdownEscaping`: a backslash before ASCII punctuation stands for that character.
enum Inline {
    /// The ASCII punctuation a backslash may escape in CommonMark.
    static let escapable = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        // By Unicode scalar, as the writer escapes: a combining mark after an escaped "-" makes
        // one Character of the two, which must not hide the escape.
        var out = String.UnicodeScalarView()
        var pending = false
        for c in text.unicodeScalars {
            if pending {
                if Self.escapable.contains(c) {
                    out.append(c)
                } else {
                    out.append("\\")
                    out.append(c)
                }
                pending = false
            } else if c == "\\" {
                pending = true
            } else {
                out.append(c)
            }
        }
        if pending { out.append("\\") }
        return String(out)
    }
}

/// Dates as plans write them (27 November 2026), or as people might (2026-11-27, 27 Nov 2026).
enum Dates {
    static func parse(_ text: String) -> CalendarDate? {
        let t = text.trimmingSpaces
        if let iso = CalendarDate(iso: t) { return iso }
        let words = t.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        guard words.count == 3 else { return nil }
        func month(_ w: String) -> Int? {
            CalendarDate.monthNames.firstIndex { $0.lowercased().hasPrefix(w.lowercased()) && w.count >= 3 }.map {
                $0 + 1
            }
        }
        if let d = Int(words[0]), let m = month(words[1]), let y = Int(words[2]) {
            return CalendarDate(year: y, month: m, day: d)
        }
        if let m = month(words[0]), let d = Int(words[1]), let y = Int(words[2]) {
            return CalendarDate(year: y, month: m, day: d)
        }
        return nil
    }
}
