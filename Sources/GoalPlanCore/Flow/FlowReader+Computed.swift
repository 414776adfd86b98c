/// Reading computed items (`compute:`), words shown on the way (`show:`) and measures.
extension FlowReader {
    static let computedKeys = ["id", "compute", "bands", "label", "into", "when", "mode"]
    static let displayKeys = ["id", "show", "when", "mode"]
    static let bandKeys = ["from", "to", "label"]
    static let measureKeys = ["name", "code", "score", "band", "items", "safety"]
    static let safetyItemKeys = ["item", "above"]

    /// `- id: total` / `compute: sum(a, b)`: worked out from earlier answers, never asked.
    mutating func readComputed(_ node: Node, place: Place) -> Question? {
        guard let fields = mapping(node, allowed: Self.computedKeys, what: tr("a computed item")) else { return nil }
        let id = requiredString(fields, "id", in: node, what: tr("the computed item"))
        if let id, let idNode = fields["id"] { claim(id, at: idNode.location) }
        let when = fields["when"].flatMap { readCondition($0) }
        guard let exprNode = fields["compute"], let text = requiredString(fields, "compute", in: node, what: tr("it"))
        else { return nil }
        let expression: Expression
        do {
            expression = try Expression.parse(text)
        } catch {
            self.error(
                .badExpression, tr("in 'compute': \(error.message)"), at: location(ofOffset: error.offset, in: exprNode)
            )
            return nil
        }
        if let id, let own = expression.references.first(where: { $0.questionID == id && $0.groupID == nil }) {
            error(
                .badExpression, tr("in 'compute': '\(id)' cannot be worked out from itself"),
                at: location(ofOffset: own.offset, in: exprNode))
            return nil
        }
        var ok = true
        for ref in expression.references where inputKind(ref, in: exprNode) == nil { ok = false }
        guard ok else { return nil }
        var kind: ValueKind
        switch expression.kind({ inputKind($0, in: exprNode, quiet: true) }) {
        case .failure(let failure):
            error(
                .badExpression, tr("in 'compute': \(failure.message)"),
                at: location(ofOffset: failure.offset, in: exprNode)
            )
            return nil
        case .success(let k): kind = k
        }
        switch kind {
        case .number, .date: break
        case .numbers, .answers, .dates:
            error(
                .badExpression,
                tr(
                    "in 'compute': '\(text)' is several answers; add them up with sum(...), count them with count(...), or take the least or most with min(...) or max(...)"
                ),
                at: exprNode.location)
            return nil
        case .text, .duration, .unscored:
            error(
                .badExpression, tr("in 'compute': '\(text)' works out to \(kind.words), not a number or a date"),
                at: exprNode.location)
            return nil
        }
        if kind == .number,
            let wide = expression.rangeUnchecked(
                { numberRange(of: $0) }, count: { roundCount(of: $0) }, required: { isAlwaysAnswered($0) }),
            !(abs(wide.lowerBound) <= ComputedValue.largest && abs(wide.upperBound) <= ComputedValue.largest)
        {
            error(
                .badExpression,
                tr(
                    "in 'compute': '\(text)' can reach \(ComputedValue.format(abs(wide.lowerBound) > abs(wide.upperBound) ? wide.lowerBound : wide.upperBound)), past the largest number goalplan works with (\(ComputedValue.format(ComputedValue.largest))); such a value would be left out"
                ),
                at: exprNode.location)
            return nil
        }
        var bands: [Band] = []
        if let bandsNode = fields["bands"] {
            bands = readBands(bandsNode)
            if kind != .number {
                error(
                    .badBands, tr("'bands' turn a number into words; this item works out to \(kind.words)"),
                    at: bandsNode.location)
            }
            if !bands.isEmpty, kind == .number, let first = bands.first, let last = bands.last,
                let range = expressionRange(expression)
            {
                // Every score the expression can give needs words.
                let missing =
                    range.lowerBound < first.from
                    ? range.lowerBound : range.upperBound > last.to ? range.upperBound : nil
                if let missing {
                    error(
                        .badBands,
                        tr(
                            "'\(text)' can be \(ComputedValue.format(range.lowerBound)) to \(ComputedValue.format(range.upperBound)), but the bands run from \(ComputedValue.format(first.from)) to \(ComputedValue.format(last.to)); a score of \(ComputedValue.format(missing)) would have no words"
                        ),
                        at: bandsNode.location)
                }
            }
            if !bands.isEmpty { kind = .text }
        }
        var question = Question(
            id: id ?? "", ask: optionalString(fields, "label") ?? id ?? "", type: .computed, when: when,
            mode: fields["mode"].flatMap { readMode($0) }, location: node.location)
        question.label = optionalString(fields, "label")
        // Worked out from a clinician-only answer, it is the clinician's only too.
        if expression.references.contains(where: { context.visible($0.questionID)?.clinicianOnly == true }) {
            question.mode = .facilitated
        }
        question.compute = expression
        question.bands = bands
        question.kind = kind
        if let intoNode = fields["into"], let name = string(intoNode, key: "into") {
            let type: QuestionType =
                switch kind {
                case .date: .date
                case .text: .text
                default: .scale
                }
            question.into = readField(name, type: type, place: place, at: intoNode.location)
            if let field = question.into, question.mode == .facilitated || context.facilitatedDepth > 0,
                !field.isClinicianOnly
            {
                error(
                    .clinicianAnswerShared,
                    tr(
                        "this is worked out from clinician-only answers, so it cannot fill '\(field.rawValue)', which a client's copy shows; leave out 'into' (it goes to \"For the clinician\" with its label)"
                    ),
                    at: intoNode.location)
            }
            if let field = question.into, let fits = field.numberRange, kind == .number {
                let range = expressionRange(expression)
                if let range, range.lowerBound < Double(fits.lowerBound) || range.upperBound > Double(fits.upperBound) {
                    error(
                        .outOfRange,
                        tr(
                            "'\(field.rawValue)' holds \(fits.lowerBound) to \(fits.upperBound), but '\(text)' can be \(ComputedValue.format(range.lowerBound)) to \(ComputedValue.format(range.upperBound))"
                        ),
                        at: intoNode.location)
                } else if range == nil {
                    warning(
                        .outOfRange,
                        tr(
                            "'\(field.rawValue)' holds \(fits.lowerBound) to \(fits.upperBound), and goalplan cannot tell the range of '\(text)'; a value outside it is left out of the plan"
                        ),
                        at: intoNode.location)
                }
            }
        }
        guard let id else { return nil }
        context.scopes[context.scopes.count - 1][id] = VisibleQuestion(
            question: question, groupID: context.groupStack.last,
            clinicianOnly: question.mode == .facilitated || context.facilitatedDepth > 0)
        return question
    }

    /// `- show: Thank you.`: words shown on the way, nothing asked.
    mutating func readDisplay(_ node: Node) -> Question? {
        guard let fields = mapping(node, allowed: Self.displayKeys, what: tr("words to show")) else { return nil }
        context.itemFacilitated = fields["mode"]?.scalar?.string == FlowMode.facilitated.rawValue
        defer { context.itemFacilitated = false }
        var id = "show-\(node.location.line)-\(node.location.column)"
        if let idNode = fields["id"], let given = string(idNode, key: "id") {
            claim(given, at: idNode.location)
            id = given
        }
        let when = fields["when"].flatMap { readCondition($0) }
        guard let textNode = fields["show"], let text = requiredString(fields, "show", in: node, what: tr("it")) else {
            return nil
        }
        checkTemplate(text, at: textNode, what: "'show'")
        return Question(
            id: id, ask: text, type: .display, when: when, mode: fields["mode"].flatMap { readMode($0) },
            location: node.location)
    }

    /// Bands: `- {from: 0, to: 4, label: Minimal}`, in order, with no gap or overlap.
    func readBands(_ node: Node) -> [Band] {
        guard case .sequence(let list) = node, !list.isEmpty else {
            error(.badBands, tr("'bands' should be a list of {from, to, label}"), at: node.location)
            return []
        }
        var bands: [Band] = []
        var problems = false
        for entry in list {
            guard let fields = mapping(entry, allowed: Self.bandKeys, what: tr("a band")),
                let label = requiredString(fields, "label", in: entry, what: tr("the band"))
            else {
                problems = true
                continue
            }
            guard let fromNode = fields["from"], let toNode = fields["to"],
                let from = number(fromNode, key: "from"), let to = number(toNode, key: "to")
            else {
                error(.missingKey, tr("a band needs 'from' and 'to', its lowest and highest score"), at: entry.location)
                problems = true
                continue
            }
            if from > to {
                error(
                    .badBands,
                    tr("this band starts at \(ComputedValue.format(from)), above its end \(ComputedValue.format(to))"),
                    at: entry.location)
                problems = true
            }
            if let last = bands.last {
                // Bands meet when one starts a step after the last ends: 5 after 4, 2.5 after
                // 2.4, the step being the finest the bounds are written to.
                let step = min(Self.step(of: last.to), Self.step(of: from))
                if from <= last.to {
                    error(
                        .badBands,
                        tr(
                            "this band (from \(ComputedValue.format(from))) overlaps '\(last.label)', which runs to \(ComputedValue.format(last.to)); bands go in order, each starting after the one before"
                        ),
                        at: entry.location)
                    problems = true
                } else if from - last.to > step * 1.000001 {
                    error(
                        .badBands,
                        tr(
                            "there is a gap between '\(last.label)' (to \(ComputedValue.format(last.to))) and this band (from \(ComputedValue.format(from))); a score of \(ComputedValue.format(last.to + step)) would fall between them"
                        ),
                        at: entry.location)
                    problems = true
                }
            }
            bands.append(Band(from: from, to: to, label: label))
        }
        return problems ? [] : bands
    }

    /// 1 for a whole number, 0.1 for 2.4, 0.01 for 7.25 (to four places).
    static func step(of x: Double) -> Double {
        var step = 1.0
        var scaled = abs(x)
        for _ in 0..<4 where (scaled - scaled.rounded()).magnitude > 1e-9 {
            step /= 10
            scaled *= 10
        }
        return step
    }

    func number(_ node: Node, key: String) -> Double? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Double(text), value.isFinite, abs(value) <= 1e9 else {
            error(.wrongValueType, tr("'\(key)' should be a number, not '\(text)'"), at: node.location)
            return nil
        }
        return value
    }

    /// What an expression reads from an answer, or nil after saying why it cannot be read.
    func inputKind(_ ref: Reference, in node: Node, quiet: Bool = false) -> ValueKind? {
        let place = location(ofOffset: ref.offset, in: node)
        func refuse(_ message: String) -> ValueKind? {
            if !quiet { error(.badExpression, tr("in 'compute': \(message)"), at: place) }
            return nil
        }
        var aggregated = false
        let question: Question
        if let found = (ref.groupID == "goal" ? nil : context.visible(ref.questionID)),
            ref.groupID == nil || found.groupID == ref.groupID
        {
            question = found.question
        } else if ref.groupID == "goal", context.goalDepth > 0, let q = GoalReference.question(ref.questionID) {
            question = q
        } else if let (_, q) = finishedQuestion(ref) {
            question = q
            aggregated = true
        } else {
            if quiet { return nil }
            // The usual message: not a question, or not answered yet here.
            checkReference(ref, in: node, what: "'compute'")
            return nil
        }
        let single: ValueKind
        switch question.type {
        case .scale, .yesno: single = .number
        case .choice: single = question.choices.allNumbered || question.choicesFrom == .goalLevels ? .number : .unscored
        case .multi: single = question.choices.allNumbered ? .numbers : .answers
        case .list: single = .answers
        case .date: single = .date
        case .computed: single = question.kind ?? .number
        case .text, .long: single = .text
        case .display: return refuse(tr("'\(ref.name)' shows words and holds no answer"))
        }
        if aggregated {
            return single == .number || single == .numbers ? .numbers : single == .date ? .dates : .answers
        }
        return single
    }

    /// A question of a group that ended before this point (a repeat, read from outside it).
    func finishedQuestion(_ ref: Reference) -> (QuestionGroup, Question)? {
        for (id, group) in context.finishedGroups where ref.groupID == nil || ref.groupID == id {
            if let q = Self.directQuestions(of: group.items).first(where: { $0.id == ref.questionID }) {
                return (group, q)
            }
        }
        return nil
    }

    /// The least and most an expression can give, from what each answer it reads can be.
    func expressionRange(_ expression: Expression) -> ClosedRange<Double>? {
        expression.range({ numberRange(of: $0) }, count: { roundCount(of: $0) }, required: { isAlwaysAnswered($0) })
    }

    /// Whether a question is answered whenever its answer is read: required, and asked always.
    func isAlwaysAnswered(_ ref: Reference) -> Bool {
        guard ref.groupID != "goal", let q = context.visible(ref.questionID)?.question else { return false }
        return q.required && q.when == nil && q.mode == nil && context.facilitatedDepth == 0
    }

    /// The least and most an answer can be, for checking where a computed value lands.
    func numberRange(of ref: Reference, depth: Int = 0) -> ClosedRange<Double>? {
        let question: Question? =
            ref.groupID == "goal"
            ? GoalReference.question(ref.questionID)
            : context.visible(ref.questionID)?.question ?? finishedQuestion(ref)?.1
        guard let question, depth < 32 else { return nil }
        switch question.type {
        case .scale:
            let b = ref.groupID == "goal" ? 0...10 : question.scaleBounds
            return Double(b.lowerBound)...Double(b.upperBound)
        case .yesno:
            return 0...1
        case .choice where question.choicesFrom == .goalLevels:
            return -2...2
        case .choice, .multi:
            let numbers = question.choices.compactMap(\.number)
            guard let low = numbers.min(), let high = numbers.max() else { return nil }
            return Double(low)...Double(high)
        case .computed:
            return question.compute?.range(
                { numberRange(of: $0, depth: depth + 1) }, count: { roundCount(of: $0) },
                required: { isAlwaysAnswered($0) })
        default:
            return nil
        }
    }

    /// How many answers a reference can stand for: the rounds of a repeat read from outside
    /// it, or the choices of a multi question.
    func roundCount(of ref: Reference) -> Int? {
        if let (group, _) = finishedQuestion(ref), context.visible(ref.questionID) == nil {
            return group.forEach != nil ? 100 : group.bounds.upperBound
        }
        if let q = context.visible(ref.questionID)?.question, q.type == .multi { return q.choices.count }
        return nil
    }

    // MARK: Measures

    /// `measure:` on a flow: what the flow measures, and how it is scored.
    mutating func readMeasure(_ node: Node, flowID: String, items: inout [FlowItem]) -> Measure? {
        guard let fields = mapping(node, allowed: Self.measureKeys, what: "'measure'") else { return nil }
        let name = requiredString(fields, "name", in: node, what: "'measure'")
        let code = optionalString(fields, "code")
        let all = items.flatMap(\.allQuestions)
        func find(_ key: String) -> (Question, Node)? {
            guard let node = fields[key], let id = string(node, key: key) else { return nil }
            guard let q = all.first(where: { $0.id == id }) else {
                error(
                    .badMeasure,
                    tr(
                        "'\(key)' names '\(id)', which is not an item of this flow\(Suggestions.hint(for: id, in: all.map(\.id)))"
                    ),
                    at: node.location)
                return nil
            }
            return (q, node)
        }
        var scoreID: String?
        var maximum: Double?
        if fields["score"] == nil {
            error(
                .missingKey, tr("'measure' needs 'score', the id of the computed item that is its score"),
                at: node.location
            )
        } else if let (q, scoreNode) = find("score") {
            if q.type != .computed || q.kind != .number {
                error(
                    .badMeasure, tr("'score' should name a computed item that works out to a number"),
                    at: scoreNode.location)
            } else {
                scoreID = q.id
                maximum = q.compute.flatMap { expressionRange($0) }?.upperBound
            }
        }
        var bandID: String?
        if let (q, bandNode) = find("band") {
            if q.type != .computed || q.bands.isEmpty {
                error(.badMeasure, tr("'band' should name a computed item with 'bands'"), at: bandNode.location)
            } else {
                bandID = q.id
            }
        }
        var itemIDs: [String] = []
        if let itemsNode = fields["items"] {
            if case .sequence(let list) = itemsNode {
                for entry in list {
                    guard let id = string(entry, key: "items") else { continue }
                    if let q = all.first(where: { $0.id == id }),
                        q.type.isAsked || (q.type == .computed && q.kind == .number)
                    {
                        itemIDs.append(id)
                    } else {
                        error(
                            .badMeasure,
                            tr(
                                "'items' names '\(id)', which is not a question of this flow (nor a computed item giving a number, such as a reversed item)"
                            ),
                            at: entry.location)
                    }
                }
            } else {
                error(.wrongValueType, tr("'items' should be a list of question ids"), at: itemsNode.location)
            }
        } else {
            itemIDs = all.filter { ($0.type == .choice && $0.choices.allNumbered) || $0.type == .scale }.map(\.id)
        }
        var safetyItem: String?
        var safetyAbove: Int?
        if let safetyNode = fields["safety"],
            let safety = mapping(safetyNode, allowed: Self.safetyItemKeys, what: "'safety'")
        {
            if let itemNode = safety["item"], let id = string(itemNode, key: "item") {
                if let q = all.first(where: { $0.id == id }), q.type == .scale || q.choices.allNumbered {
                    safetyItem = id
                } else {
                    error(
                        .badMeasure,
                        tr(
                            "the safety item '\(id)' should be a scored question of this flow (a scale, or choices with values)"
                        ),
                        at: itemNode.location)
                }
            } else {
                error(
                    .missingKey, tr("'safety' needs 'item', the question that can open the safety pause"),
                    at: safetyNode.location)
            }
            if let aboveNode = safety["above"] {
                safetyAbove = integer(aboveNode, key: "above")
                if let above = safetyAbove, let id = safetyItem, let q = all.first(where: { $0.id == id }) {
                    let most = q.type == .scale ? q.scaleBounds.upperBound : q.choices.compactMap(\.number).max() ?? 0
                    if above >= most {
                        error(
                            .badMeasure,
                            tr(
                                "'\(id)' scores at most \(most), so a score above \(above) never comes and the safety pause never opens"
                            ),
                            at: aboveNode.location)
                    }
                }
            } else {
                error(
                    .badMeasure,
                    tr(
                        "the safety item needs 'above': the score over which the safety pause opens (0 opens it on any score above 0)"
                    ),
                    at: safetyNode.location)
            }
        }
        if let safetyItem, let safetyAbove {
            items = Self.marking(items, safetyItem: safetyItem, above: safetyAbove)
        }
        guard let name, let scoreID else { return nil }
        return Measure(
            id: flowID, name: name, code: code, score: scoreID, band: bandID, items: itemIDs, maximum: maximum,
            safetyItem: safetyItem, safetyAbove: safetyAbove)
    }

    static func marking(_ items: [FlowItem], safetyItem: String, above: Int) -> [FlowItem] {
        items.map { item in
            switch item {
            case .question(var q):
                if q.id == safetyItem { q.safetyAbove = above }
                return .question(q)
            case .group(var g):
                g.items = marking(g.items, safetyItem: safetyItem, above: above)
                return .group(g)
            case .section(var s):
                s.items = marking(s.items, safetyItem: safetyItem, above: above)
                return .section(s)
            }
        }
    }
}

extension PlanField {
    /// The numbers a numeric field holds.
    public var numberRange: ClosedRange<Int>? {
        switch self {
        case .goalRating, .goalImportance, .goalConfidence, .reviewRating, .reviewConfidence: 0...10
        case .goalLevelAtStart, .reviewLevel: -2...2
        default: nil
        }
    }
}
