/// The words of the plan's headings and labels, shared by the writer and the reader.
public enum PlanHeadings {
    public static let concerns = "What brought me here"
    public static let hopes = "What I would like to be different"
    public static let strengths = "What I already have going for me"
    public static let supports = "Who and what can help"
    public static let values = "What matters most to me"
    public static let expectations = "How I will know this has helped"
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
    public static let reviewHelped = "What helped"
    public static let reviewHindered = "What got in the way"
    public static let reviewDecision = "Decision"
    public static let reviewReason = "Why"
    public static let measures = "Scores over time"
    public static let levelAtStart = "Level at the start"
    public static let reached = "Reached"
    public static let onHold = "On hold since"
    public static let letGo = "Let go"
    public static let earlierTitle = "Earlier wording"
    public static let reviewLevel = "Level"
    public static let itemScores = "Item scores"
    public static let measureID = "Id"

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

    /// A measure's result as the plan writes it, a line each: the score (of the most
    /// possible) and its band; the item scores; the measure's id and code.
    public static func describe(_ m: MeasureResult) -> String {
        var first = ComputedValue.format(m.score)
        if let most = m.maximum { first += " of \(ComputedValue.format(most))" }
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
        let numbers = parts[0].components(separatedBy: " of ")
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

    public static let levelLabels = [
        "-2 (much less than expected)", "-1", "0 (expected)", "+1", "+2 (much more than expected)",
    ]

    public static let safetyTitles = [
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
