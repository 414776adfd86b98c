#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a plan back from its Markdown with cmark-gfm, so that whatever a person's editor or
/// formatter did to the layout `MarkdownWriter` writes, the plan reads the same: headings ATX
/// or setext; bullet or numbered lists with any marker; task items `[ ]`, `[x]`, `[X]`; labels
/// in `**bold**` or `__bold__`, wrapped or not; tables with or without outer pipes; lines
/// reflowed anywhere (a soft line break reads as a space, a hard one stays a new line); a
/// byte-order mark; CRLF.
///
/// Nothing is dropped: a section the plan does not know, and any block it cannot place in a
/// known one, is kept word for word (`Plan.extraSections`) and written back where it was found;
/// `Reading.kept` says which blocks were kept that way.
public enum MarkdownReader {
    /// Why a plan could not be read, with the line (1-based) to look at.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { tr("line \(line): \(message)") }
    }

    /// A block kept as written because the plan has no place for it there.
    public struct Kept: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        /// What it is: "a quote", "a code block", "a paragraph"...
        public var what: String
        public var place: PlanPlace
        public var description: String {
            place.section.isEmpty
                ? tr("line \(line), \(what) before the first section") : tr("line \(line), \(what) in \(place.name)")
        }
    }

    /// A plan as read, and what was kept as written.
    public struct Reading: Sendable {
        public var plan: Plan
        public var kept: [Kept]
    }

    /// The built-in language a plan is written in (`en`, `es`), known by its title.
    public static func language(of text: String) -> String {
        Mapper(text).language().language
    }

    public static func read(_ text: String) throws(Problem) -> Plan {
        try reading(text).plan
    }

    /// The plan in `text`, read in the language its title is written in (so a Spanish plan
    /// reads the same on an English screen); problems are told in the screen's language.
    public static func reading(_ text: String) throws(Problem) -> Reading {
        var mapper = Mapper(text)
        let language = mapper.language()
        let result = MessageCatalog.$current.withValue(language) {
            Result { () throws(Problem) in try mapper.plan() }
        }
        var plan = try result.get()
        plan.language = language.language == "en" ? nil : language.language
        return Reading(plan: plan, kept: mapper.kept)
    }

    /// Text of `text` that writing `plan` (read from it) would lose: the first line whose words
    /// the written plan does not have, and those words; nil when nothing is lost. Dates and
    /// numbers are left out of the comparison, since the plan writes them in its own form.
    public static func loss(in text: String, writing plan: Plan) -> (line: Int, words: [String])? {
        let written = MarkdownWriter().write(plan)
        var have: [String: Int] = [:]
        for (word, _) in words(of: MarkdownNode.parse(written)) { have[word, default: 0] += 1 }
        var lost: (line: Int, words: [String])? = nil
        for (word, line) in words(of: MarkdownNode.parse(text)) {
            if let count = have[word], count > 0 {
                have[word] = count - 1
            } else if lost == nil {
                lost = (line, [word])
            } else if lost?.line == line {
                lost?.words.append(word)
            }
        }
        return lost
    }

    /// Every word of a document's text with its line, but for dates, numbers and the header
    /// rows of tables (which the plan writes as labels of its own).
    private static func words(of node: MarkdownNode) -> [(String, Int)] {
        var out: [(String, Int)] = []
        func visit(_ node: MarkdownNode) {
            if case .tableRow(header: true) = node.kind { return }
            if node.kind == .paragraph || node.kind == .tableCell || node.kind == .codeBlock
                || node.kind == .htmlBlock || { if case .heading = node.kind { true } else { false } }()
            {
                for word in node.blockText.split(whereSeparator: { $0.isWhitespace }) {
                    let core = String(word).strippingCharacters(Self.punctuation)
                    if core.isEmpty || Self.isDateOrNumber(core) { continue }
                    out.append((core, node.startLine))
                }
                return
            }
            node.children.forEach(visit)
        }
        visit(node)
        return out
    }

    private static let punctuation = Set("()[]{}.,;:!?'\"*_`~|·-–—<>\\")

    private static func isDateOrNumber(_ word: String) -> Bool {
        if word.allSatisfy({ $0.isNumber || "-+/.:".contains($0) }) { return true }
        let lower = word.lowercased()
        return word.count >= 3
            && CalendarDate.monthNamesInEveryLanguage.contains { $0.contains { $0.hasPrefix(lower) } }
    }
}

extension String {
    fileprivate func strippingCharacters(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

/// Maps the document's blocks to the plan by structure.
private struct Mapper {
    let text: String
    let document: MarkdownNode
    var kept: [MarkdownReader.Kept] = []
    var extras: [RawSection] = []
    /// The source's lines, split when a block is first kept as written.
    private var sourceLines: [Substring]?

    /// The words for the person at the screen (the reader's errors), whatever the plan's language.
    let screen: MessageCatalog

    init(_ text: String) {
        self.text = text
        document = MarkdownNode.parse(text)
        screen = MessageCatalog.current
    }

    /// The built-in language whose title (`# Goal plan`) the plan's first top heading has;
    /// English when none has it. A catalog without its own words for the title (which falls
    /// back to English) is not taken for the plan's language.
    func language() -> MessageCatalog {
        guard let title = document.children.first(where: { Self.level($0) == 1 })?.blockText else { return .english }
        let english = MessageCatalog.english.tr("Goal plan", context: "plan")
        return MessageCatalog.allBuiltIn.reversed().first(where: {
            let own = $0.tr("Goal plan", context: "plan")
            return ($0.language == "en" || own != english) && title.hasPrefix(own)
        }) ?? .english
    }

    /// Lines as cmark counts them: LF, CR LF and CR each end one.
    var lines: [Substring] {
        mutating get {
            if let sourceLines { return sourceLines }
            var lines: [Substring] = []
            let utf8 = text.utf8
            var start = utf8.startIndex
            var i = utf8.startIndex
            while i < utf8.endIndex {
                let byte = utf8[i]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(Substring(utf8[start..<i]))
                    var next = utf8.index(after: i)
                    if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                    start = next
                    i = next
                    continue
                }
                i = utf8.index(after: i)
            }
            lines.append(Substring(utf8[start...]))
            if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
            sourceLines = lines
            return lines
        }
    }

    func fail(_ message: String, at line: Int) -> MarkdownReader.Problem {
        MarkdownReader.Problem(line: line, message: message)
    }

    /// The source lines of a block, as written.
    mutating func source(_ node: MarkdownNode) -> [String] {
        let from = max(node.startLine, 1)
        let to = min(node.endLine, lines.count)
        guard from <= to else { return [] }
        return lines[(from - 1)..<to].map(String.init)
    }

    /// Keeps a block the plan has no place for, word for word, where it was found.
    /// `first`: found before the part's own content, and written back before it.
    mutating func keep(_ node: MarkdownNode, at place: PlanPlace, first: Bool = false) {
        // A block cmark could not place in the source is kept by its text, escaped.
        let body =
            node.located
            ? Self.standalone(node, source(node))
            : node.blockText.components(separatedBy: "\n").flatMap(MarkdownEscaping.lines)
        guard !body.isEmpty else { return }
        // A comment (`<!-- markdownlint-disable -->`) is for tools, not readers: kept, not reported.
        let literal = node.literal.trimmingSpaces
        let comment = node.kind == .htmlBlock && literal.hasPrefix("<!--") && literal.hasSuffix("-->")
        if !comment {
            kept.append(MarkdownReader.Kept(line: node.startLine, what: describe(node), place: place))
        }
        // Blocks kept one after another in the same place stay one piece, a blank line apart.
        if let last = extras.last, last.heading == nil, last.place == place, last.first == first {
            extras[extras.count - 1].body += [""] + body
        } else {
            extras.append(RawSection(heading: nil, body: body, level: 0, place: place, first: first))
        }
    }

    /// A block's lines as they can stand anywhere, with the same meaning: without the blank
    /// lines cmark may count as a list's, and without the indent of up to three spaces its
    /// first line had (which, after a list, would make it part of the list's last item). An
    /// indented code block is fenced instead, its text unchanged.
    static func standalone(_ node: MarkdownNode, _ lines: [String]) -> [String] {
        if node.kind == .codeBlock && !node.fenced {
            var text = node.literal
            while text.hasSuffix("\n") { text.removeLast() }
            let fence = String(repeating: "`", count: max(3, MarkdownNode.longestRun(of: "`", in: text) + 1))
            return [fence] + text.components(separatedBy: "\n") + [fence]
        }
        var body = lines
        while body.last?.trimmingSpaces.isEmpty == true { body.removeLast() }
        while body.first?.trimmingSpaces.isEmpty == true { body.removeFirst() }
        guard let first = body.first else { return [] }
        let indent = min(first.prefix { $0 == " " }.count, 3)
        guard indent > 0 else { return body }
        return body.map { line in
            String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count)))
        }
    }

    func describe(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .paragraph: screen.tr("a paragraph")
        case .list: screen.tr("a list")
        case .blockQuote: screen.tr("a quote")
        case .codeBlock: screen.tr("a code block")
        case .htmlBlock: screen.tr("HTML")
        case .thematicBreak: screen.tr("a rule")
        case .table: screen.tr("a table")
        case .heading: screen.tr("a heading")
        default: screen.tr("a block")
        }
    }

    static func level(_ node: MarkdownNode) -> Int? {
        if case .heading(let level) = node.kind { return level }
        return nil
    }

    // MARK: The plan

    /// The question ids the plan recorded for its answers, in order.
    var questionIDs: [(id: String?, question: String)] = []

    mutating func plan() throws(MarkdownReader.Problem) -> Plan {
        // The comment of question ids, wherever a tool moved it, is read and set aside.
        var blocks: [MarkdownNode] = []
        for block in document.children {
            // As written, or as pandoc writes raw HTML (a ```{=html} block).
            if block.kind == .htmlBlock || block.kind == .codeBlock,
                let ids = PlanHeadings.questionIDs(from: block.literal)
            {
                questionIDs += ids
            } else {
                blocks.append(block)
            }
        }
        let titleWords = tr("Goal plan", context: "plan")
        guard let titleIndex = blocks.firstIndex(where: { Self.level($0) == 1 && $0.blockText.hasPrefix(titleWords) })
        else {
            throw fail(
                screen.tr("expected the plan's title, '# Goal plan: NAME', at the top"),
                at: blocks.first?.startLine ?? 1)
        }
        var plan = Plan(started: .epoch)
        // "Goal plan: NAME": one colon, then the name, which may itself start with a colon.
        var rest = blocks[titleIndex].blockText.dropFirst(titleWords.count)
        if rest.first == ":" { rest = rest.dropFirst() }
        let name = rest.drop { $0 == " " }
        plan.name = name.isEmpty ? nil : String(name)

        // The top: from the start to the first section, the title and the dates line among it.
        var index = 0
        var top: [MarkdownNode] = []
        while index < blocks.count, index == titleIndex || !Self.isSection(blocks[index]) {
            if index != titleIndex { top.append(blocks[index]) }
            index += 1
        }
        let titleLine = blocks[titleIndex].startLine
        let started = TemplateWords.parts(tr("Started \(TemplateWords.mark)", context: "plan"))[0]
        guard
            let datesIndex = top.firstIndex(where: {
                $0.startLine > titleLine && $0.kind == .paragraph && $0.blockText.hasPrefix(started)
            })
        else {
            throw fail(
                screen.tr("expected the dates line, 'Started 27 November 2026 · Next review 11 December 2026'"),
                at: top.first(where: { $0.startLine > titleLine })?.startLine ?? blocks[titleIndex].endLine + 1)
        }
        try dates(top[datesIndex], into: &plan)
        // What came before the title is written before it again.
        for (i, block) in top.enumerated() where i != datesIndex {
            keep(block, at: .top, first: block.startLine < blocks[titleIndex].startLine)
        }

        var place = PlanPlace.top
        while index < blocks.count {
            let heading = blocks[index]
            index += 1
            var body: [MarkdownNode] = []
            while index < blocks.count, !Self.isSection(blocks[index]) {
                body.append(blocks[index])
                index += 1
            }
            try section(heading, body, into: &plan, place: &place)
        }
        plan.extraSections = extras
        if !questionIDs.isEmpty { PlanHeadings.assignIDs(questionIDs, to: &plan) }
        return plan
    }

    /// A heading of level 1 or 2 starts a section.
    static func isSection(_ node: MarkdownNode) -> Bool {
        (level(node) ?? 3) <= 2
    }

    func dates(_ node: MarkdownNode, into plan: inout Plan) throws(MarkdownReader.Problem) {
        let text = node.blockText.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let parts = text.components(separatedBy: "·").map { $0.trimmingSpaces }
        let startedWords = TemplateWords.parts(tr("Started \(TemplateWords.mark)", context: "plan"))[0].trimmingSpaces
        let reviewWords = TemplateWords.parts(tr("Next review \(TemplateWords.mark)", context: "plan"))[0]
            .trimmingSpaces
        guard let started = CalendarDate(written: String(parts[0].dropFirst(startedWords.count))) else {
            throw fail(
                screen.tr("the start date could not be read; write it like 27 November 2026"), at: node.startLine)
        }
        plan.started = started
        for part in parts.dropFirst() where part.lowercased().hasPrefix(reviewWords.lowercased()) {
            guard let review = CalendarDate(written: String(part.dropFirst(reviewWords.count))) else {
                throw fail(
                    screen.tr("the next review date could not be read; write it like 11 December 2026"),
                    at: node.startLine)
            }
            plan.nextReview = review
        }
    }

    mutating func section(
        _ headingNode: MarkdownNode, _ body: [MarkdownNode], into plan: inout Plan, place: inout PlanPlace
    ) throws(MarkdownReader.Problem) {
        let h = PlanHeadings.self
        let heading = headingNode.blockText
        let here = PlanPlace(section: heading)
        switch heading {
        case h.concerns:
            plan.concerns += entries(body, at: here)
        case h.hopes:
            plan.hopes += entries(body, prose: true, at: here)
        case h.strengths:
            plan.strengths += entries(body, at: here)
        case h.supports:
            plan.supports += entries(body, at: here)
        case h.values:
            plan.values += entries(body, prose: true, at: here)
        case h.expectations:
            plan.expectations += entries(body, prose: true, at: here)
        case h.notes:
            plan.notes += notes(body, at: here)
        case h.clinician:
            var notes = plan.clinician ?? ClinicianNotes()
            for fact in facts(body, at: here) {
                switch fact.label {
                case h.approach: notes.approach = fact.value
                case h.interventions: notes.interventions = fact.value
                case h.checkIn:
                    if let checkIn = PlanHeadings.checkIn(from: fact.value) {
                        notes.checkIns.append(checkIn)
                    } else {
                        notes.notes.append(Note(question: fact.label, answer: .text(fact.value)))
                    }
                default:
                    // The clinician's own answers stay the clinician's.
                    notes.notes.append(Note(question: fact.label, answer: .text(fact.value)))
                }
            }
            plan.clinician = notes
        case h.measures:
            for block in body {
                if block.kind == .table, let rows = Self.measureRows(block) {
                    plan.measures += rows
                    continue
                }
                for fact in facts([block], at: here) {
                    if let result = PlanHeadings.measure(label: fact.label, text: fact.value) {
                        plan.measures.append(result)
                    } else {
                        plan.notes.append(Note(question: "\(h.measures): \(fact.label)", answer: .text(fact.value)))
                    }
                }
            }
        case h.safetyPlan:
            var safety = plan.safetyPlan ?? SafetyPlan()
            for (title, blocks) in parts(body, at: here) {
                guard let title else {
                    for block in blocks { keep(block, at: here) }
                    continue
                }
                let known = PlanHeadings.safetyTitles.contains(title)
                // What is kept in a part of the person's own goes at the top of the safety plan.
                let items = entries(blocks, at: PlanPlace(section: heading, part: known ? title : nil))
                if known {
                    PlanHeadings.setSafety(&safety, title, (safety.items(titled: title) ?? []) + items)
                } else {
                    plan.notes.append(Note(question: title, answer: .items(items)))
                }
            }
            plan.safetyPlan = safety
        default:
            if let goal = try goal(heading, body, index: plan.goals.count + 1) {
                plan.goals.append(goal)
                place = PlanPlace(section: "Goal \(plan.goals.count)")
                return
            }
            // A section of the person's own: kept word for word after the section before it.
            var lines = Array(
                lines[
                    min(headingNode.endLine, lines.count)..<min(body.last?.endLine ?? headingNode.endLine, lines.count)
                ].map(String.init))
            while lines.last?.trimmingSpaces.isEmpty == true { lines.removeLast() }
            while lines.first?.trimmingSpaces.isEmpty == true { lines.removeFirst() }
            extras.append(RawSection(heading: heading, body: lines, level: Self.level(headingNode) ?? 2, place: place))
            return
        }
        place = here
    }

    /// A section's blocks split at its `###` headings: the blocks before the first (title nil),
    /// then each part's. Deeper headings stay inside the part.
    func parts(_ body: [MarkdownNode], at place: PlanPlace) -> [(String?, [MarkdownNode])] {
        var out: [(String?, [MarkdownNode])] = [(nil, [])]
        for block in body {
            if Self.level(block) == 3 {
                out.append((block.blockText, []))
            } else {
                out[out.count - 1].1.append(block)
            }
        }
        return out
    }

    // MARK: Goals

    mutating func goal(_ heading: String, _ body: [MarkdownNode], index: Int) throws(MarkdownReader.Problem) -> Goal? {
        let goalWord = TemplateWords.parts(tr("Goal \(TemplateWords.mark)", context: "plan"))[0]
        guard heading.hasPrefix(goalWord) else { return nil }
        let rest = heading.dropFirst(goalWord.count)
        let numberPart = rest.prefix { $0.isASCIIDigit }
        guard !numberPart.isEmpty else { return nil }
        var goal = Goal()
        let after = rest.dropFirst(numberPart.count)
        if after.hasPrefix(":") { goal.title = String(after.dropFirst()).trimmingSpaces }
        let section = "Goal \(index)"
        let h = PlanHeadings.self
        for (title, blocks) in parts(body, at: PlanPlace(section: section)) {
            let here = PlanPlace(section: section, part: title)
            switch title {
            case nil:
                for fact in facts(blocks, at: here) {
                    switch fact.label {
                    case h.area: goal.area = fact.value
                    case h.why: goal.why = fact.value
                    case h.measure: goal.measure = fact.value
                    case h.importance: goal.importance = try number(fact)
                    case h.confidence: goal.confidence = try number(fact)
                    case h.firstStep: goal.firstStep = fact.value
                    case h.progress:
                        if let rating = try startRating(fact) { goal.ratings = [rating] }
                    case h.levelAtStart where PlanHeadings.level(from: fact.value) != nil:
                        goal.levelAtStart = PlanHeadings.level(from: fact.value)
                    case h.reached where CalendarDate(written: fact.value) != nil:
                        goal.reached = CalendarDate(written: fact.value)
                    case h.onHold where CalendarDate(written: fact.value) != nil:
                        goal.onHold = CalendarDate(written: fact.value)
                    case h.letGo where CalendarDate(written: fact.value) != nil:
                        goal.letGo = CalendarDate(written: fact.value)
                    case h.earlierTitle where Self.earlierTitle(fact.value) != nil:
                        if let earlier = Self.earlierTitle(fact.value) { goal.earlierTitles.append(earlier) }
                    default:
                        goal.notes.append(Note(question: fact.label, answer: .text(fact.value)))
                    }
                }
            case h.steps?:
                goal.steps += steps(blocks, at: here)
            case h.obstacles?:
                goal.obstacles += facts(blocks, at: here).map { fact in
                    fact.label == Fact.unlabeled
                        ? Obstacle(what: fact.value)
                        : Obstacle(what: fact.label, plan: fact.value.isEmpty ? nil : fact.value)
                }
            case h.helpers?:
                goal.helpers += entries(blocks, at: here)
            case h.levels?:
                try levels(blocks, into: &goal, at: here)
            case h.reviews?:
                goal.reviews += try reviews(blocks, goal: &goal, at: here)
            case h.goalNotes?:
                goal.notes += notes(blocks, at: here)
            case let other?:
                // A part of the person's own: a note, its list as items or its text as text.
                let lists = blocks.filter { if case .list = $0.kind { true } else { false } }
                if !lists.isEmpty, lists.count == blocks.count {
                    goal.notes.append(Note(question: other, answer: .items(lists.flatMap(\.children).map(itemText))))
                } else {
                    let text = blocks.map(\.blockText).filter { !$0.isEmpty }.joined(separator: "\n")
                    goal.notes.append(Note(question: other, answer: .text(text)))
                }
            }
        }
        return goal
    }

    /// A table of measures written by hand: columns named Measure, Date and Score, and
    /// optionally Band, Id and Code; nil when it is not one (it is then kept as it is).
    static func measureRows(_ table: MarkdownNode) -> [MeasureResult]? {
        let rows = table.children
        guard let header = rows.first, header.kind == .tableRow(header: true) else { return nil }
        let names = header.children.map { $0.blockText.trimmingSpaces.lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let measure = column("measure"), let date = column("date"), let score = column("score") else {
            return nil
        }
        var out: [MeasureResult] = []
        for row in rows.dropFirst() {
            let cells = row.children.map { $0.blockText.trimmingSpaces }
            func cell(_ i: Int?) -> String? { i.flatMap { $0 < cells.count && !cells[$0].isEmpty ? cells[$0] : nil } }
            let numbers = (cell(score) ?? "").components(separatedBy: " \(PlanHeadings.scoreOf) ")
            guard let name = cell(measure), let day = cell(date).flatMap(CalendarDate.init(written:)),
                numbers.count <= 2,
                let value = Double(numbers[0].trimmingSpaces)
            else { return nil }
            let most = numbers.count == 2 ? Double(numbers[1].trimmingSpaces) : nil
            let id = cell(column("id")) ?? String(name.lowercased().filter { $0.isLetter || $0.isNumber })
            out.append(
                MeasureResult(
                    id: id, name: name, code: cell(column("code")), date: day, score: value, maximum: most,
                    band: cell(column("band"))))
        }
        return out
    }

    /// `Sleep better, until 12 December 2026`.
    static func earlierTitle(_ text: String) -> EarlierTitle? {
        let until = TemplateWords.parts(tr("\(TemplateWords.mark), until \(TemplateWords.mark)", context: "plan"))[1]
        guard let open = text.ranges(of: until).last,
            let day = CalendarDate(written: String(text[open.upperBound...]))
        else { return nil }
        return EarlierTitle(text: String(text[..<open.lowerBound]), until: day)
    }

    func number(_ fact: Fact) throws(MarkdownReader.Problem) -> Int {
        guard let n = Int(fact.value.trimmingSpaces), (0...10).contains(n) else {
            throw fail(screen.tr("'\(fact.label)' should be a number from 0 to 10, not '\(fact.value)'"), at: fact.line)
        }
        return n
    }

    /// `2 at the start (27 November 2026), 4 on 11 December 2026`: only the rating at the start
    /// lives here; later ones come from the reviews.
    func startRating(_ fact: Fact) throws(MarkdownReader.Problem) -> Rating? {
        let first = fact.value.components(separatedBy: ",")[0].trimmingSpaces
        let atStart = TemplateWords.parts(
            tr("\(TemplateWords.mark) at the start (\(TemplateWords.mark))", context: "plan"))[1]
        guard first.contains(String(atStart.filter { $0 != "(" }).trimmingSpaces) else { return nil }
        let words = first.split(separator: " ", maxSplits: 1)
        guard let n = Int(words.first ?? ""), (0...10).contains(n) else {
            throw fail(
                screen.tr("'\(fact.label)' should start with a number from 0 to 10, like '2 at the start'"),
                at: fact.line)
        }
        var date: CalendarDate? = nil
        if let open = first.firstIndex(of: "("), let close = first.lastIndex(of: ")"), open < close {
            date = CalendarDate(written: String(first[first.index(after: open)..<close]))
        }
        return Rating(date: date ?? .epoch, value: n)
    }

    /// Steps: list items, ticked or not (`[ ]`, `[x]`, `[X]`, also when a formatter escaped
    /// the brackets); an item without a box is a step not yet done.
    mutating func steps(_ blocks: [MarkdownNode], at place: PlanPlace) -> [PlanStep] {
        var out: [PlanStep] = []
        for block in blocks {
            guard case .list = block.kind else {
                keep(block, at: place)
                continue
            }
            for item in block.children {
                var text = stepText(item)
                var done = false
                if case .item(let task?) = item.kind {
                    // The box as written: cmark-gfm 0.29 also ticks `- [ ] \[x] a`.
                    done = Self.box(in: source(item).first ?? "") ?? task
                } else if text.hasPrefix("[ ]") || text.hasPrefix("[x]") || text.hasPrefix("[X]") {
                    done = text.dropFirst().first != " "
                    text = String(text.dropFirst(3)).trimmingSpaces
                }
                if !text.isEmpty { out.append(PlanStep(text, done: done)) }
            }
        }
        return out
    }

    /// Whether the box at the start of a task item's first line is ticked, or nil if there is none.
    static func box(in line: String) -> Bool? {
        var rest = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        if let first = rest.first, "-*+".contains(first) {
            rest = rest.dropFirst()
        } else {
            let digits = rest.prefix { $0.isASCIIDigit }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
            rest = rest.dropFirst()
        }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        guard rest.count >= 3, rest.first == "[", rest.dropFirst(2).first == "]" else { return nil }
        switch rest.dropFirst().first {
        case " ": return false
        case "x", "X": return true
        default: return nil
        }
    }

    /// Levels of progress: `- **-2 (much less than expected):** text` items, or a table of
    /// label and text; a row is placed by the number its label starts with (-2 to +2).
    mutating func levels(_ blocks: [MarkdownNode], into goal: inout Goal, at place: PlanPlace) throws(MarkdownReader
        .Problem)
    {
        var rows: [(label: String, text: String)] = []
        for block in blocks {
            switch block.kind {
            case .table:
                for row in block.children where row.kind == .tableRow(header: false) {
                    let cells = row.children.map(\.blockText)
                    rows.append((cells.first ?? "", cells.dropFirst().joined(separator: " | ")))
                }
            case .list:
                for fact in facts([block], at: place) { rows.append((fact.label, fact.value)) }
            default:
                keep(block, at: place)
            }
        }
        for (label, text) in rows {
            guard let slot = Self.levelSlot(label) else {
                goal.notes.append(Note(question: "\(PlanHeadings.levels): \(label)", answer: .text(text)))
                continue
            }
            if goal.levels.count < 5 { goal.levels += Array(repeating: "", count: 5 - goal.levels.count) }
            goal.levels[slot] = text
        }
    }

    /// The level (0 for -2 ... 4 for +2) a label names: `-2 (much less than expected)`, `+1`, `0`.
    static func levelSlot(_ label: String) -> Int? {
        let t = label.trimmingSpaces.replacing("\u{2212}", with: "-")
        let sign = t.prefix { "+-".contains($0) }
        let digits = t.dropFirst(sign.count).prefix { $0.isASCIIDigit }
        guard sign.count <= 1, digits.count == 1, let n = Int(digits) else { return nil }
        let rest = t.dropFirst(sign.count + 1)
        guard rest.isEmpty || rest.first == " " || rest.first == "(" else { return nil }
        let value = sign == "-" ? -n : n
        guard (-2...2).contains(value), (value == 0) == sign.isEmpty || value != 0 else { return nil }
        return value + 2
    }

    /// Reviews: a `#### DATE` heading for each, with its facts, or a table with a row for each.
    mutating func reviews(_ blocks: [MarkdownNode], goal: inout Goal, at place: PlanPlace) throws(MarkdownReader
        .Problem) -> [Review]
    {
        let h = PlanHeadings.self
        var out: [Review] = []
        var current: Review? = nil
        // After a heading that is not a date, what follows is the person's own, kept as it is,
        // all of it before the reviews or all after, as the heading was.
        var keeping = false
        var keepingFirst = false
        for block in blocks {
            switch block.kind {
            case .heading:
                if let review = current { out.append(review) }
                current = CalendarDate(written: block.blockText).map { Review(date: $0) }
                keeping = current == nil
                keepingFirst = out.isEmpty
                if keeping { keep(block, at: place, first: keepingFirst) }
            case _ where keeping:
                keep(block, at: place, first: keepingFirst)
            case .list where current != nil:
                for fact in facts([block], at: place) {
                    switch fact.label {
                    case h.progress, "Progress":
                        guard let n = Int(fact.value), (0...10).contains(n) else {
                            throw fail(
                                screen.tr("a review's progress should be a number from 0 to 10, not '\(fact.value)'"),
                                at: fact.line)
                        }
                        current?.rating = n
                    case h.reviewLevel where PlanHeadings.level(from: fact.value) != nil:
                        current?.level = PlanHeadings.level(from: fact.value)
                    case h.confidence:
                        guard let n = Int(fact.value), (0...10).contains(n) else {
                            throw fail(
                                screen.tr("a review's confidence should be a number from 0 to 10, not '\(fact.value)'"),
                                at: fact.line)
                        }
                        current?.confidence = n
                    case h.reviewHelped: current?.helped = fact.value
                    case h.reviewHindered: current?.hindered = fact.value
                    case h.reviewDecision: current?.decision = fact.value
                    case h.reviewReason: current?.reason = fact.value
                    default:
                        let date = current?.date.longForm ?? ""
                        goal.notes.append(
                            Note(
                                question: tr("Review of \(date): \(fact.label)", context: "plan"),
                                answer: .text(fact.value)))
                    }
                }
            case .table:
                if let review = current { out.append(review) }
                current = nil
                for row in block.children where row.kind == .tableRow(header: false) {
                    out += try tableReview(row.children.map(\.blockText), line: row.startLine)
                }
            case .list:
                // A list under no review's date: kept before the reviews, where it cannot be
                // taken for the last one's.
                keep(block, at: place, first: true)
            default:
                keep(block, at: place, first: current == nil && out.isEmpty)
            }
        }
        if let review = current { out.append(review) }
        return out
    }

    func tableReview(_ cells: [String], line: Int) throws(MarkdownReader.Problem) -> [Review] {
        guard let date = CalendarDate(written: cells.first ?? "") else {
            throw fail(screen.tr("a review's date should look like 2026-12-11, not '\(cells.first ?? "")'"), at: line)
        }
        func cell(_ i: Int) -> String? {
            i < cells.count && !cells[i].isEmpty ? cells[i] : nil
        }
        var rating: Int? = nil
        if let text = cell(1) {
            guard let n = Int(text), (0...10).contains(n) else {
                throw fail(screen.tr("a review's progress should be a number from 0 to 10, not '\(text)'"), at: line)
            }
            rating = n
        }
        // Cells past the sixth (a table a person widened) stay with the reason.
        let reason = cells.count > 6 ? cells[5...].filter { !$0.isEmpty }.joined(separator: " | ") : cell(5)
        return [
            Review(date: date, rating: rating, helped: cell(2), hindered: cell(3), decision: cell(4), reason: reason)
        ]
    }

    // MARK: Blocks

    /// The text of a list item: its paragraphs and anything nested, a line apart.
    /// The text of a list item: its paragraphs and anything nested, a line apart; a task
    /// item's box, outside the steps, is part of its text.
    func itemText(_ item: MarkdownNode) -> String {
        MarkdownNode.kept(item.blockText)
    }

    /// The text of a step, without its box.
    func stepText(_ item: MarkdownNode) -> String {
        item.children.map(\.blockText).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// List items, and paragraphs outside lists (one entry a paragraph); with `prose`, when
    /// there is no list, all paragraphs are one entry, a line each. Other blocks are kept.
    mutating func entries(_ blocks: [MarkdownNode], prose: Bool = false, at place: PlanPlace) -> [String] {
        let hasList = blocks.contains { if case .list = $0.kind { true } else { false } }
        var out: [String] = []
        var paragraphs: [String] = []
        for block in blocks {
            switch block.kind {
            case .list:
                out += block.children.map(itemText)
            case .paragraph:
                if prose && !hasList {
                    paragraphs.append(block.blockText)
                } else {
                    out.append(block.blockText)
                }
            default:
                keep(block, at: place)
            }
        }
        if !paragraphs.isEmpty { out.append(paragraphs.joined(separator: "\n")) }
        return out.filter { !$0.isEmpty }
    }

    struct Fact {
        static let unlabeled = "Note"
        var label: String
        var value: String
        var line: Int
    }

    /// `- **Label:** value` items (the colon inside or just after the bold); an item with no
    /// label, or a paragraph, is a fact labelled "Note". Other blocks are kept.
    mutating func facts(_ blocks: [MarkdownNode], at place: PlanPlace) -> [Fact] {
        var out: [Fact] = []
        for block in blocks {
            switch block.kind {
            case .list:
                for item in block.children { out.append(fact(item)) }
            case .paragraph:
                out.append(Fact(label: Fact.unlabeled, value: block.blockText, line: block.startLine))
            default:
                keep(block, at: place)
            }
        }
        return out
    }

    func fact(_ item: MarkdownNode) -> Fact {
        guard let first = item.children.first, first.kind == .paragraph,
            let lead = first.children.first, lead.kind == .strong
        else {
            return Fact(label: Fact.unlabeled, value: itemText(item), line: item.startLine)
        }
        var label = AnswerText.oneLine([lead.children.map(\.inlineText).joined()])
        var rest = MarkdownNode.kept(first.children.dropFirst().map(\.inlineText).joined())
        if label.hasSuffix(":") {
            label.removeLast()
        } else if rest.hasPrefix(":") {
            rest.removeFirst()
        } else {
            return Fact(label: Fact.unlabeled, value: itemText(item), line: item.startLine)
        }
        let more = item.children.dropFirst().map(\.blockText).filter { !$0.isEmpty }
        let value = ([MarkdownNode.kept(rest)] + more).filter { !$0.isEmpty }.joined(separator: "\n")
        return Fact(label: AnswerText.oneLine([label]), value: value, line: item.startLine)
    }

    /// `**Question**` paragraphs, each followed by its answer: paragraphs (a line each) or a
    /// list. Blocks before the first question, and other kinds of block, are kept.
    mutating func notes(_ blocks: [MarkdownNode], at place: PlanPlace) -> [Note] {
        var out: [Note] = []
        var question: String?
        var answer: [MarkdownNode] = []
        func flush() {
            guard let q = question else { return }
            let lists = answer.filter { if case .list = $0.kind { true } else { false } }
            let value: Note.Answer =
                lists.isEmpty
                ? .text(answer.map(\.blockText).filter { !$0.isEmpty }.joined(separator: "\n"))
                : .items(
                    answer.flatMap { block in
                        if case .list = block.kind { return block.children.map(itemText) }
                        return [block.blockText]
                    }.filter { !$0.isEmpty })
            out.append(Note(question: q, answer: value))
        }
        for block in blocks {
            let bold =
                block.kind == .paragraph && block.children.count == 1 && block.children[0].kind == .strong
                ? AnswerText.oneLine([block.children[0].children.map(\.inlineText).joined()]) : ""
            if !bold.isEmpty {
                flush()
                question = bold
                answer = []
            } else if question != nil,
                block.kind == .paragraph || { if case .list = block.kind { true } else { false } }()
            {
                answer.append(block)
            } else {
                keep(block, at: place, first: question == nil)
            }
        }
        flush()
        return out
    }
}

extension SafetyPlan {
    fileprivate func items(titled title: String) -> [String]? {
        PlanHeadings.safetySections(self).first { $0.0 == title }?.1
    }
}
