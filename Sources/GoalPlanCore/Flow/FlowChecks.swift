/// The checks of conditions and `{{...}}` placeholders: every name must be an answer given
/// before, and every comparison must make sense for that question's type.
extension FlowReader {
    /// Reads a `when:` condition, reporting syntax and reference problems at their column.
    func readCondition(_ node: Node) -> Condition? {
        guard let text = string(node, key: "when") else { return nil }
        let parsed: Condition
        do {
            parsed = try Condition.parse(text)
        } catch {
            self.error(.badCondition, tr("in 'when': \(error.message)"), at: location(ofOffset: error.offset, in: node))
            return nil
        }
        var ok = true
        for ref in parsed.references where checkReference(ref, in: node, what: "'when'") == nil { ok = false }
        guard ok, let normalized = checkTypes(parsed, in: node) else { return nil }
        if !Satisfiability.canHold(normalized, questions: { question(for: $0) }) {
            warning(
                .neverAsked, tr("this is never asked: its condition '\(text)' can never be true"),
                at: node.location)
        }
        return normalized
    }

    /// Checks the placeholders in a piece of flow text.
    func checkTemplate(_ text: String, at node: Node, what: String) {
        let forClient = context.facilitatedDepth == 0 && !context.itemFacilitated
        for ref in Template.references(in: text) {
            let found = checkReference(ref, in: node, what: what, offsetBase: templateOffsetBase(text, node))
            if forClient, let found, found.clinicianOnly {
                error(
                    .clinicianAnswerShared,
                    tr(
                        "\(what) quotes '{{\(ref.name)}}', a clinician-only answer, in words a client sees and a client's copy keeps; quote it only in clinician-only questions ('mode: facilitated') or a 'note'"
                    ),
                    at: templateOffsetBase(text, node) ? location(ofOffset: ref.offset, in: node) : node.location)
            }
        }
    }

    /// Templates on one line point at their column; block text points at its start.
    private func templateOffsetBase(_ text: String, _ node: Node) -> Bool {
        !text.contains("\n")
    }

    /// The visible question a reference names, or nil after reporting why not.
    @discardableResult
    func checkReference(_ ref: Reference, in node: Node, what: String, offsetBase: Bool = true) -> VisibleQuestion? {
        let place = offsetBase ? location(ofOffset: ref.offset, in: node) : node.location
        if ref.groupID == "goal", context.visible(ref.questionID)?.groupID != "goal" {
            // goal.title, goal.rating...: the goal being asked about.
            guard context.goalDepth > 0 else {
                error(
                    .unknownReference, tr("'\(ref.name)' in \(what) names a goal, but this is not inside a goal group"),
                    at: place)
                return nil
            }
            guard let q = GoalReference.question(ref.questionID) else {
                error(
                    .unknownReference,
                    tr("'\(ref.name)' in \(what): a goal has \(GoalReference.fields.joined(separator: ", "))")
                        + Suggestions.hint(for: ref.questionID, in: GoalReference.fields), at: place)
                return nil
            }
            return VisibleQuestion(question: q, groupID: "goal")
        }
        if let found = context.visible(ref.questionID) {
            if let group = ref.groupID, found.groupID != group {
                error(
                    .unknownReference,
                    found.groupID.map {
                        tr(
                            "'\(ref.name)' in \(what): '\(ref.questionID)' is not a question of group '\(group)'; it belongs to '\($0)'"
                        )
                    } ?? tr("'\(ref.name)' in \(what): '\(ref.questionID)' is not a question of group '\(group)'"),
                    at: place)
                return nil
            }
            return found
        }
        if idsWrittenInFile.contains(ref.questionID) || context.declared[ref.questionID] != nil {
            error(
                .unknownReference,
                tr(
                    "'\(ref.name)' in \(what) is not answered yet at this point: it is asked later, or inside a group (use it within that group, or in a group with 'for_each' over it)"
                ), at: place)
        } else {
            // `post-pre` written without spaces reads as one id.
            let parts = ref.questionID.split(separator: "-").map(String.init)
            let subtraction =
                parts.count > 1 && parts.allSatisfy { context.visible($0) != nil }
                ? tr("; to take one from the other, put spaces around '-': \(parts.joined(separator: " - "))") : ""
            error(
                .unknownReference,
                tr("'\(ref.name)' in \(what) is not a question of this flow")
                    + Suggestions.hint(for: ref.questionID, in: context.visibleIDs) + subtraction
                    + (ref.groupID == nil && ["yes", "no", "true", "false"].contains(ref.questionID)
                        ? tr("; put text in quotes: '\(ref.questionID)'") : ""),
                at: place)
        }
        return nil
    }

    /// Checks that each comparison fits its question, and writes choice labels as their ids.
    private func checkTypes(_ c: Condition, in node: Node) -> Condition? {
        switch c {
        case .and(let a, let b):
            guard let x = checkTypes(a, in: node), let y = checkTypes(b, in: node) else { return nil }
            return .and(x, y)
        case .or(let a, let b):
            guard let x = checkTypes(a, in: node), let y = checkTypes(b, in: node) else { return nil }
            return .or(x, y)
        case .not(let a):
            return checkTypes(a, in: node).map { .not($0) }
        case .answered, .empty:
            return c
        case .contains(let a, let b):
            guard case .reference(let ref) = a, let q = question(for: ref) else {
                problem(tr("'contains' needs a question id on its left"), at: a, in: node)
                return nil
            }
            guard [.multi, .list, .text, .long].contains(q.type) else {
                problem(
                    tr(
                        "'\(ref.name)' is a \(q.type.rawValue) question; 'contains' works on multi, list and text answers"
                    ),
                    at: a, in: node)
                return nil
            }
            guard let literal = normalize(b, against: q, in: node) else { return nil }
            return .contains(a, literal)
        case .compare(let a, let op, let b):
            // Put the question on the left when it is written on the right.
            if case .reference = b, a.reference == nil { return checkTypes(.compare(b, op.flipped, a), in: node) }
            guard case .reference(let ref) = a, let q = question(for: ref) else { return c }
            if case .reference(let other) = b, context.visible(other.questionID) != nil { return c }
            switch q.type {
            case .multi, .list:
                problem(
                    tr(
                        "'\(ref.name)' holds several answers; use '\(ref.name) contains ...' instead of '\(op.rawValue)'"
                    ),
                    at: a, in: node)
                return nil
            case .choice where q.choices.allNumbered || q.choicesFrom == .goalLevels:
                if case .number = b { break }
                if op != .equal && op != .notEqual {
                    problem(
                        tr(
                            "'\(ref.name)' is scored: compare it with a number for '\(op.rawValue)', or use == with a choice"
                        ),
                        at: a, in: node)
                    return nil
                }
            case .choice, .yesno, .text, .long:
                if op != .equal && op != .notEqual {
                    problem(
                        tr(
                            "'\(op.rawValue)' compares numbers and dates; '\(ref.name)' is a \(q.type.rawValue) question"
                        ),
                        at: a, in: node)
                    return nil
                }
            case .scale:
                guard case .number(let n, _) = b else {
                    problem(tr("'\(ref.name)' is a scale question; compare it with a number"), at: b, in: node)
                    return nil
                }
                if n < Double(q.scaleBounds.lowerBound) || n > Double(q.scaleBounds.upperBound) {
                    warning(
                        .conditionMismatch,
                        tr(
                            "'\(ref.name)' goes from \(q.scaleBounds.lowerBound) to \(q.scaleBounds.upperBound), so \(ComputedValue.format(n)) is never given"
                        ),
                        at: position(of: b, in: node))
                }
            case .display:
                problem(tr("'\(ref.name)' shows text and holds no answer"), at: a, in: node)
                return nil
            case .computed:
                switch q.kind {
                case .number?:
                    guard case .number = b else {
                        problem(
                            tr("'\(ref.name)' is worked out as a number; compare it with a number"), at: b, in: node)
                        return nil
                    }
                case .date?:
                    guard case .text(let s, _) = b, CalendarDate(iso: s) != nil else {
                        problem(
                            tr(
                                "'\(ref.name)' is worked out as a date; compare it with a date in quotes, like '2026-12-11'"
                            ),
                            at: b, in: node)
                        return nil
                    }
                default:
                    if op != .equal && op != .notEqual {
                        problem(
                            tr("'\(op.rawValue)' compares numbers and dates; '\(ref.name)' is worked out as words"),
                            at: a, in: node)
                        return nil
                    }
                    if case .text(let word, _) = b, !q.bands.isEmpty,
                        !q.bands.contains(where: { $0.label.lowercased() == word.lowercased() })
                    {
                        problem(
                            tr(
                                "'\(ref.name)' is one of \(q.bands.map { "'\($0.label)'" }.joined(separator: ", ")), never '\(word)'"
                            ),
                            at: b, in: node)
                        return nil
                    }
                }
            case .date:
                guard case .text(let s, _) = b, CalendarDate(iso: s) != nil else {
                    problem(
                        tr("'\(ref.name)' is a date question; compare it with a date in quotes, like '2026-12-11'"),
                        at: b,
                        in: node)
                    return nil
                }
            }
            guard let literal = normalize(b, against: q, in: node) else { return nil }
            return .compare(a, op, literal)
        }
    }

    /// A literal as the answer stores it: choice labels become ids, yes/no words become yes or no.
    private func normalize(_ operand: Operand, against q: Question, in node: Node) -> Operand? {
        guard case .text(let text, let offset) = operand else {
            if q.type == .choice, q.choices.allNumbered || q.choicesFrom == .goalLevels, case .number = operand {
                return operand
            }
            if q.type == .choice || q.type == .multi || q.type == .yesno {
                problem(tr("compare '\(q.id)' with text in quotes"), at: operand, in: node)
                return nil
            }
            return operand
        }
        switch q.type {
        case .choice, .multi:
            let lowered = text.lowercased()
            if let choice = q.choices.first(where: { $0.id.lowercased() == lowered || $0.label.lowercased() == lowered }
            ) {
                return .text(choice.id, offset: offset)
            }
            let names = q.choices.map(\.id)
            problem(
                tr(
                    "'\(q.id)' has no choice '\(text)'\(Suggestions.hint(for: text, in: names)); its choices are \(names.joined(separator: ", "))"
                ),
                at: operand, in: node)
            return nil
        case .yesno:
            switch YesNo.parse(text) {
            case let yes?: return .text(YesNo.word(yes), offset: offset)
            case nil:
                problem(tr("'\(q.id)' is a yes-or-no question; compare it with 'yes' or 'no'"), at: operand, in: node)
                return nil
            }
        default:
            return operand
        }
    }

    /// The question a reference names, goal fields included.
    private func question(for ref: Reference) -> Question? {
        if ref.groupID == "goal", context.visible(ref.questionID)?.groupID != "goal" {
            return GoalReference.question(ref.questionID)
        }
        return context.visible(ref.questionID)?.question
    }

    private func problem(_ message: String, at operand: Operand, in node: Node) {
        error(.conditionMismatch, tr("in 'when': \(message)"), at: position(of: operand, in: node))
    }

    private func position(of operand: Operand, in node: Node) -> SourceLocation {
        switch operand {
        case .reference(let r): location(ofOffset: r.offset, in: node)
        case .text(_, let offset), .number(_, let offset): location(ofOffset: offset, in: node)
        }
    }
}

extension Comparison {
    /// The same comparison with its sides swapped.
    var flipped: Comparison {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

/// Whether a condition can ever be true: every combination of the answers it reads is tried,
/// each answer drawn from a small set of values that covers every case the condition tells apart.
enum Satisfiability {
    static let limit = 20_000

    static func canHold(_ condition: Condition, questions: (Reference) -> Question?) -> Bool {
        var names: [String] = []
        var domains: [[ConditionValue]] = []
        for ref in condition.references where !names.contains(ref.questionID) {
            names.append(ref.questionID)
            domains.append(domain(for: ref, in: condition, question: questions(ref)))
        }
        let combinations = domains.reduce(1) { $0 * max($1.count, 1) }
        guard combinations <= limit else { return true }
        var choice = [Int](repeating: 0, count: domains.count)
        for _ in 0..<combinations {
            let holds = condition.evaluate { ref in
                guard let i = names.firstIndex(of: ref.questionID), !domains[i].isEmpty else { return .none }
                return domains[i][choice[i]]
            }
            if holds { return true }
            for i in choice.indices {
                choice[i] += 1
                if choice[i] < domains[i].count { break }
                choice[i] = 0
            }
        }
        return false
    }

    /// The values worth trying for one answer: none, each literal it is compared with and
    /// its neighbors, and something else.
    private static func domain(for ref: Reference, in condition: Condition, question: Question?) -> [ConditionValue] {
        var literals: [ConditionValue] = []
        func collect(_ c: Condition) {
            switch c {
            case .and(let a, let b), .or(let a, let b):
                collect(a)
                collect(b)
            case .not(let a): collect(a)
            case .compare(let a, _, let b), .contains(let a, let b):
                if a.reference?.questionID == ref.questionID { literals.append(value(b)) }
                if b.reference?.questionID == ref.questionID { literals.append(value(a)) }
            default: break
            }
        }
        collect(condition)
        var out: [ConditionValue] = [.none]
        switch question?.type {
        case .choice? where question?.choicesFrom == .goalLevels:
            out += (-2...2).map { .scored("level" + PlanHeadings.level($0), Double($0)) }
        case .choice?:
            out += question?.choices.map { c in c.number.map { .scored(c.id, Double($0)) } ?? .text(c.id) } ?? []
        case .yesno?:
            out += [.text("yes"), .text("no")]
        case .scale?:
            let bounds = question?.scaleBounds ?? 0...10
            var numbers: Set<Int> = [bounds.lowerBound, bounds.upperBound]
            for case .number(let x) in literals where abs(x) < 1e9 {
                let n = Int(x.rounded(.down))
                numbers.formUnion([n - 1, n, n + 1])
            }
            out += numbers.filter(bounds.contains).sorted().map { .number(Double($0)) }
        case .computed? where question?.kind == .number:
            var numbers: Set<Double> = []
            for case .number(let x) in literals { numbers.formUnion([x - 1, x - 0.5, x, x + 0.5, x + 1]) }
            out += numbers.sorted().map { .number($0) }
        case .computed? where !(question?.bands.isEmpty ?? true):
            out += (question?.bands ?? []).map { .text($0.label) }
        case .multi?, .list?:
            let words = literals.compactMap { if case .text(let s) = $0 { s } else { nil } }
            let subsets = 1 << min(words.count, 10)
            for mask in 0..<subsets {
                out.append(
                    .list(
                        words.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element) + ["something else"]))
            }
        default:
            out += literals + [.text("something else")]
        }
        return out
    }

    private static func value(_ operand: Operand) -> ConditionValue {
        switch operand {
        case .reference: .none
        case .text(let s, _): .text(s)
        case .number(let n, _): .number(n)
        }
    }
}

/// Regular expressions from flow files, for `pattern:`.
public enum TextPattern {
    public static func isValid(_ pattern: String) -> Bool {
        (try? Regex(pattern)) != nil
    }

    /// Whether the whole of `text` matches `pattern`; an invalid pattern matches everything.
    public static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return true }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}

/// `goal.title`, `goal.rating`...: the fields of the goal being asked about, usable in
/// conditions and placeholders inside a goal group or a walk of the plan's goals.
enum GoalReference {
    static let fields = [
        "title", "area", "why", "measure", "rating", "importance", "confidence", "steps", "reached", "on_hold",
        "let_go",
        "levels",
    ]

    /// A stand-in question with the field's type, for checking comparisons.
    static func question(_ field: String) -> Question? {
        switch field {
        case "title", "area", "why", "measure": Question(id: field, ask: field, type: .text)
        case "rating", "importance", "confidence": Question(id: field, ask: field, type: .scale)
        case "steps", "levels": Question(id: field, ask: field, type: .list)
        case "reached", "on_hold", "let_go": Question(id: field, ask: field, type: .date)
        default: nil
        }
    }
}
