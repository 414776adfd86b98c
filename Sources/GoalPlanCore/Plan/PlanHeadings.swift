/// The words of the plan's headings and labels, shared by the writer and the reader, in the
/// current language (`MessageCatalog.current`): the writer and the reader each set it to the
/// plan's own language.
public enum PlanHeadings {
    public static var concerns: String { tr("What brought me here", context: "plan") }
    public static var hopes: String { tr("What I would like to be different", context: "plan") }
    public static var strengths: String { tr("What I already have going for me", context: "plan") }
    public static var supports: String { tr("Who and what can help", context: "plan") }
    public static var values: String { tr("What matters most to me", context: "plan") }
    public static var expectations: String { tr("How I will know this has helped", context: "plan") }
    public static var notes: String { tr("More of what I said", context: "plan") }
    public static var safetyPlan: String { tr("My safety plan", context: "plan") }
    public static var clinician: String { tr("For the clinician", context: "plan") }
    public static var approach: String { tr("Approach", context: "plan") }
    public static var interventions: String { tr("Interventions", context: "plan") }
    public static var checkIn: String { tr("Safety check-in", context: "plan") }
    public static var area: String { tr("Area", context: "plan") }
    public static var why: String { tr("Why it matters", context: "plan") }
    public static var measure: String { tr("How I will know", context: "plan") }
    public static var importance: String { tr("Importance (0-10)", context: "plan") }
    public static var confidence: String { tr("Confidence (0-10)", context: "plan") }
    public static var progress: String { tr("Progress (0-10)", context: "plan") }
    public static var firstStep: String { tr("First step this week", context: "plan") }
    public static var steps: String { tr("Steps", context: "plan") }
    public static var obstacles: String { tr("If something gets in the way", context: "plan") }
    public static var helpers: String { tr("Who and what can help with this goal", context: "plan") }
    public static var levels: String { tr("Levels of progress", context: "plan") }
    public static var reviews: String { tr("Reviews", context: "plan") }
    public static var goalNotes: String { tr("Notes", context: "plan") }
    public static var reviewHelped: String { tr("What helped", context: "plan") }
    public static var reviewHindered: String { tr("What got in the way", context: "plan") }
    public static var reviewDecision: String { tr("Decision", context: "plan") }
    public static var reviewReason: String { tr("Why", context: "plan") }
    public static var measures: String { tr("Scores over time", context: "plan") }
    public static var levelAtStart: String { tr("Level at the start", context: "plan") }
    public static var reached: String { tr("Reached", context: "plan") }
    public static var onHold: String { tr("On hold since", context: "plan") }
    public static var letGo: String { tr("Let go", context: "plan") }
    public static var earlierTitle: String { tr("Earlier wording", context: "plan") }
    public static var reviewLevel: String { tr("Level", context: "plan") }
    public static var itemScores: String { tr("Item scores", context: "plan") }
    public static var measureID: String { tr("Id", context: "plan") }

    /// Whether an id can stand in an HTML comment as it is: a flow id, with no `--`.
    public static func isCommentSafe(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("--") && !id.hasSuffix("-") && id.first?.isLetter == true
            && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static let questionIDsOpening = "<!-- goalplan: the id of each question"

    /// The ids of the questions the plan's answers came from, for tools (the JSON export
    /// carries them), as a comment at the end that no reader sees: for each answer in the order
    /// they are written, `{#id}` and its question (`{#-}` for one without an id), so that
    /// answers to questions worded alike keep their own ids. Only words and spaces matter, so
    /// a tool that rewraps the comment changes nothing. Nil when no answer has an id.
    static func questionIDs(_ plan: Plan) -> String? {
        let notes = plan.goals.flatMap(\.notes) + plan.notes
        guard notes.contains(where: { $0.questionID.map(isCommentSafe) == true }) else { return nil }
        var lines = [questionIDsOpening]
        for note in notes {
            let id = note.questionID.flatMap { isCommentSafe($0) ? $0 : nil } ?? "-"
            // `--` would end the comment, `{` start an entry: escaped, as is a backslash.
            var text = ""
            for c in note.question.split(whereSeparator: \.isWhitespace).joined(separator: " ") {
                if c == "\\" || c == "{" || (c == "-" && (text.last == "-" || text.isEmpty)) { text.append("\\") }
                text.append(c)
            }
            lines.append("{#\(id)} " + text)
        }
        return (lines + ["-->"]).joined(separator: "\n")
    }

    /// The ids written by `questionIDs`, in order, with the question each belongs to (its
    /// words, a space apart); nil when `html` is not that comment.
    static func questionIDs(from html: String) -> [(id: String?, question: String)]? {
        let flat = html.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let opening = questionIDsOpening.split(separator: " ").joined(separator: " ")
        guard flat.hasPrefix(opening), flat.hasSuffix("-->") else { return nil }
        let body = Array(flat.dropFirst(opening.count).dropLast(3))
        var out: [(id: String?, question: String)] = []
        var i = 0
        var current: (id: String?, text: String)?
        func finish() {
            if let c = current { out.append((c.id, c.text.trimmingSpaces)) }
        }
        while i < body.count {
            if body[i] == "\\", i + 1 < body.count {
                current?.text.append(body[i + 1])
                i += 2
                continue
            }
            if body[i] == "{", i + 1 < body.count, body[i + 1] == "#", let close = body[i...].firstIndex(of: "}") {
                finish()
                let id = String(body[(i + 2)..<close])
                current = (isCommentSafe(id) ? id : nil, "")
                i = close + 1
                continue
            }
            current?.text.append(body[i])
            i += 1
        }
        finish()
        return out
    }

    /// Gives each note the id recorded for it: the recorded answers are matched to the notes
    /// in order by their questions, so a note added or removed by hand shifts nothing else.
    static func assignIDs(_ recorded: [(id: String?, question: String)], to plan: inout Plan) {
        var next = 0
        func take(_ question: String) -> String? {
            let words = question.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard let j = recorded[next...].firstIndex(where: { $0.question == words }) else { return nil }
            next = j + 1
            return recorded[j].id
        }
        for g in plan.goals.indices {
            for n in plan.goals[g].notes.indices {
                plan.goals[g].notes[n].questionID = take(plan.goals[g].notes[n].question)
            }
        }
        for n in plan.notes.indices { plan.notes[n].questionID = take(plan.notes[n].question) }
    }

    /// A level as written: `-2`, `0`, `+1`.
    public static func level(_ n: Int) -> String { n > 0 ? "+\(n)" : String(n) }

    /// A level read back: `-2 (much less than expected)`, `+1`, `0`.
    public static func level(from text: String) -> Int? {
        let t = text.trimmingSpaces.replacing("\u{2212}", with: "-")
        let sign = t.prefix { "+-".contains($0) }
        let digits = t.dropFirst(sign.count).prefix { $0.isASCII && $0.isNumber }
        guard sign.count <= 1, digits.count == 1, let n = Int(digits) else { return nil }
        let rest = t.dropFirst(sign.count + 1)
        guard rest.isEmpty || rest.first == " " || rest.first == "(" else { return nil }
        let value = sign == "-" ? -n : n
        return (-2...2).contains(value) ? value : nil
    }

    /// The word between a score and the most it can be: `13 of 27`.
    static var scoreOf: String { tr("of", context: "score") }

    /// A measure's result as the plan writes it, a line each: the score (of the most
    /// possible) and its band; the item scores; the measure's id and code.
    public static func describe(_ m: MeasureResult) -> String {
        var first = ComputedValue.format(m.score)
        if let most = m.maximum { first += " \(scoreOf) \(ComputedValue.format(most))" }
        if let band = m.band { first += " · \(band)" }
        var lines = [first]
        if !m.items.isEmpty {
            lines.append("\(itemScores): " + m.items.map { $0.map(String.init) ?? "-" }.joined(separator: " "))
        }
        lines.append("\(measureID): \(m.id)" + (m.code.map { " · \($0)" } ?? ""))
        return lines.joined(separator: "\n")
    }

    /// A measure's result read back from its label (`PHQ-9, 28 November 2026`) and text.
    public static func measure(label: String, text: String) -> MeasureResult? {
        guard let comma = label.ranges(of: ", ").last,
            let date = CalendarDate(written: String(label[comma.upperBound...]))
        else { return nil }
        let name = String(label[..<comma.lowerBound]).trimmingSpaces
        var lines = text.split(separator: "\n").map { String($0).trimmingSpaces }
        guard !name.isEmpty, !lines.isEmpty else { return nil }
        let first = lines.removeFirst()
        let parts = first.components(separatedBy: " · ")
        let numbers = parts[0].components(separatedBy: " \(scoreOf) ")
        guard let score = Double(numbers[0].trimmingSpaces), score.isFinite, numbers.count <= 2 else { return nil }
        var maximum: Double?
        if numbers.count == 2 {
            guard let most = Double(numbers[1].trimmingSpaces) else { return nil }
            maximum = most
        }
        let band = parts.count > 1 ? parts.dropFirst().joined(separator: " · ").trimmingSpaces : nil
        var result = MeasureResult(id: "", name: name, date: date, score: score, maximum: maximum, band: band)
        for line in lines {
            if line.hasPrefix(itemScores + ":") {
                let words = line.dropFirst(itemScores.count + 1).split(separator: " ")
                var items: [Int?] = []
                for word in words {
                    if word == "-" {
                        items.append(nil)
                    } else if let n = Int(word) {
                        items.append(n)
                    } else {
                        return nil
                    }
                }
                result.items = items
            } else if line.hasPrefix(measureID + ":") {
                let parts = line.dropFirst(measureID.count + 1).components(separatedBy: " · ")
                result.id = parts[0].trimmingSpaces
                let code = parts.dropFirst().joined(separator: " · ").trimmingSpaces
                result.code = code.isEmpty ? nil : code
            } else {
                return nil
            }
        }
        return result.id.isEmpty ? nil : result
    }

    public static var levelLabels: [String] {
        [
            tr("-2 (much less than expected)", context: "plan"), "-1", tr("0 (expected)", context: "plan"), "+1",
            tr("+2 (much more than expected)", context: "plan"),
        ]
    }

    public static var safetyTitles: [String] {
        [
            tr("Warning signs", context: "plan"), tr("Things I can do on my own", context: "plan"),
            tr("People and places that help me feel better", context: "plan"),
            tr("People I can ask for help", context: "plan"), tr("Professionals and crisis lines", context: "plan"),
            tr("Making my surroundings safer", context: "plan"), tr("My reasons for living", context: "plan"),
        ]
    }

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

    @discardableResult
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
