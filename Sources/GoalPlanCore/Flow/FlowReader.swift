#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where an item sits: inside a goal (a goal group, or one walking goals), inside an obstacle.
struct Place {
    var goal = false
    var obstacle = false
}

/// Walks the YAML nodes of one flow file, building the flow and reporting findings into the
/// shared context. Included flows are read by readers of their own on the same context.
struct FlowReader {
    let path: String
    let context: CheckContext
    /// Every question id written anywhere in this file, to tell "asked later" from "unknown".
    private var idsInFile: Set<String> = []

    init(path: String, context: CheckContext) {
        self.path = path
        self.context = context
        if context.pathOrder[path] == nil { context.pathOrder[path] = context.pathOrder.count }
    }

    static let flowKeys = ["id", "title", "intro", "include", "questions", "measure", "part", "locale"]
    static let questionKeys = [
        "id", "ask", "type", "help", "required", "default", "choices", "min", "max", "min_label",
        "max_label", "into", "when", "pattern", "message", "note", "mode", "choices_from", "record", "label",
    ]
    static let groupKeys = ["group", "title", "intro", "questions", "repeat", "for_each", "into", "when", "mode"]
    static let repeatKeys = ["min", "max", "more", "first"]
    static let choiceKeys = ["id", "label", "value"]

    func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        context.diagnostics.append(Diagnostic(.error, code, message, path: path, at: location))
    }

    func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        context.diagnostics.append(Diagnostic(.warning, code, message, path: path, at: location))
    }

    /// `en`, `en-US`, `es-419`: a language, and a region when given.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
            language.allSatisfy({ $0.isASCII && $0.isLowercase }), parts.count <= 2
        else { return false }
        guard parts.count == 2 else { return true }
        let region = parts[1]
        return (region.count == 2 && region.allSatisfy { $0.isASCII && $0.isUppercase })
            || (region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// Parses and reads a whole file. `place` is where an include puts its questions (inside
    /// a goal, for a part of one); nil when the flow is read on its own.
    mutating func read(_ bytes: [UInt8], expectedID: String?, place: Place? = nil) -> Flow? {
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            self.error(error.code, error.message, at: error.location)
            return nil
        }
        guard let root else {
            error(.emptyFlow, tr("file is empty; a flow needs an id, a title and questions"), at: .unknown)
            return nil
        }
        idsInFile = Self.questionIDs(in: bytes)
        return readFlow(root, expectedID: expectedID, place: place)
    }

    private mutating func readFlow(_ root: Node, expectedID: String?, place: Place?) -> Flow? {
        guard let fields = mapping(root, allowed: Self.flowKeys, what: tr("a flow")) else { return nil }
        let id = requiredString(fields, "id", in: root, what: tr("the flow"))
        if let id, let idNode = fields["id"] {
            checkID(id, at: idNode.location)
            if let expectedID, id != expectedID {
                error(
                    .idNotFileName,
                    tr("flow id '\(id)' does not match the file name '\(expectedID).yaml'; rename one so they agree"),
                    at: idNode.location)
            }
        }
        let title = requiredString(fields, "title", in: root, what: tr("the flow"))
        let intro = optionalString(fields, "intro")
        if let intro, let node = fields["intro"] { checkTemplate(intro, at: node, what: "'intro'") }
        context.including.append(id ?? expectedID ?? path)
        defer { context.including.removeLast() }
        var locale: String?
        if let localeNode = fields["locale"], let tag = string(localeNode, key: "locale") {
            if Self.isLanguageTag(tag) {
                locale = tag
            } else {
                error(
                    .wrongValueType, tr("'locale' should be a language and region, such as en-US or es-MX"),
                    at: localeNode.location)
            }
        }
        var part: FlowPart?
        if let partNode = fields["part"], let name = string(partNode, key: "part") {
            part = FlowPart(rawValue: name)
            if part == nil {
                error(
                    .wrongValueType,
                    tr("'part' can only be 'goal' (a flow holding the questions for one goal)"), at: partNode.location)
            } else if let place, !place.goal {
                error(
                    .fieldOutOfPlace,
                    id.map {
                        tr("'\($0)' holds the questions for one goal, so it must be included inside a goal group")
                    }
                        ?? tr(
                            "'this flow' holds the questions for one goal, so it must be included inside a goal group"),
                    at: partNode.location)
            }
        }
        // A part of a goal is read as if inside one: where it is included, or on its own to be checked.
        let itemsPlace = part == .goal ? Place(goal: true, obstacle: place?.obstacle ?? false) : Place()
        let goalBefore = context.goalDepth
        if part == .goal && place == nil { context.goalDepth += 1 }
        defer { context.goalDepth = goalBefore }
        var items: [FlowItem] = []
        if let includeNode = fields["include"] {
            guard case .sequence(let list) = includeNode else {
                error(
                    .wrongValueType, tr("'include' should be a list of flow ids, such as [reflect, goals]"),
                    at: includeNode.location)
                return nil
            }
            for entry in list {
                if let name = string(entry, key: "include"), let section = readInclude(name, at: entry.location) {
                    items.append(.section(section))
                }
            }
        }
        if let questions = fields["questions"] {
            items += readItems(questions, insideGoal: itemsPlace)
            if case .sequence(let list) = questions, list.isEmpty, fields["include"] == nil {
                error(.emptyFlow, tr("'questions' is empty; add at least one question"), at: questions.location)
            }
        } else if fields["include"] == nil {
            error(.missingKey, tr("the flow has no 'questions' list"), at: root.location)
        }
        var measure: Measure?
        if let measureNode = fields["measure"] {
            measure = readMeasure(measureNode, flowID: id ?? expectedID ?? "", items: &items)
        }
        guard let id, let title else { return nil }
        return Flow(id: id, title: title, intro: intro, items: items, measure: measure, part: part, locale: locale)
    }

    // MARK: Items

    private mutating func readItems(_ node: Node, insideGoal: Place) -> [FlowItem] {
        guard case .sequence(let sequence) = node else {
            error(.wrongValueType, tr("'questions' should be a list of questions"), at: node.location)
            return []
        }
        var items: [FlowItem] = []
        for entry in sequence {
            if case .mapping(let map) = entry, let includeNode = map.value("include") {
                let whenNode = map.value("when")
                if map.count > (whenNode == nil ? 1 : 2) {
                    error(
                        .unknownKey,
                        tr(
                            "an include takes only 'when': '- include: flow-id', and 'when: ...' if it is asked only sometimes"
                        ),
                        at: entry.location)
                }
                let when = whenNode.flatMap { readCondition($0) }
                if let name = string(includeNode, key: "include"),
                    var section = readInclude(name, at: includeNode.location, place: insideGoal)
                {
                    // Asked only when: each of its questions and groups carries the condition.
                    if let when { section.items = Self.adding(when, to: section.items) }
                    items.append(.section(section))
                }
            } else if case .mapping(let map) = entry, map.value("compute") != nil {
                if let item = readComputed(entry, place: insideGoal) { items.append(.question(item)) }
            } else if case .mapping(let map) = entry, map.value("show") != nil {
                if let item = readDisplay(entry) { items.append(.question(item)) }
            } else if case .mapping(let map) = entry, map.value("group") != nil {
                if let group = readGroup(entry, insideGoal: insideGoal) { items.append(.group(group)) }
            } else if let question = readQuestion(entry, insideGoal: insideGoal) {
                items.append(.question(question))
            }
        }
        return items
    }

    private mutating func readInclude(_ id: String, at location: SourceLocation, place: Place = Place())
        -> FlowSection?
    {
        if let start = context.including.firstIndex(of: id) {
            let cycle = (context.including[start...] + [id]).joined(separator: " -> ")
            error(.badInclude, tr("include cycle: \(cycle); a flow cannot include itself"), at: location)
            return nil
        }
        guard let resolve = context.resolve else {
            error(.badInclude, tr("cannot include '\(id)' here: no flows to include from"), at: location)
            return nil
        }
        guard context.included.insert(id).inserted else {
            error(
                .badInclude,
                tr(
                    "'\(id)' is already included in this flow; include it once (its questions' ids can be asked only once)"
                ),
                at: location)
            return nil
        }
        guard let file = resolve(id) else {
            error(
                .badInclude, tr("no flow called '\(id)' to include; run 'goalplan flows' to see the flows there are"),
                at: location)
            return nil
        }
        let errorsBefore = context.diagnostics.count { $0.severity == .error }
        var inner = FlowReader(path: file.path, context: context)
        let flow = inner.read(file.bytes, expectedID: id, place: place)
        guard let flow, context.diagnostics.count(where: { $0.severity == .error }) == errorsBefore else {
            error(.badInclude, tr("the included flow '\(id)' has errors (listed under \(file.path))"), at: location)
            return nil
        }
        return FlowSection(
            flowID: flow.id, title: flow.title, intro: flow.intro, items: flow.items, measure: flow.measure,
            part: flow.part)
    }

    private mutating func readGroup(_ node: Node, insideGoal place: Place) -> QuestionGroup? {
        guard let fields = mapping(node, allowed: Self.groupKeys, what: tr("a group")) else { return nil }
        let id = requiredString(fields, "group", in: node, what: tr("the group"))
        if let id, let idNode = fields["group"] { claim(id, at: idNode.location) }
        let when = fields["when"].flatMap { readCondition($0) }
        var into: GroupField?
        if let intoNode = fields["into"], let name = string(intoNode, key: "into") {
            if let field = GroupField(rawValue: name) {
                into = field
                if field == .goals && place.goal {
                    error(
                        .fieldOutOfPlace, tr("a group 'into: goals' cannot sit inside another goal group"),
                        at: intoNode.location)
                }
                if field == .obstacles && !place.goal {
                    error(
                        .fieldOutOfPlace,
                        tr("a group 'into: obstacles' belongs to one goal, so it must be inside a goal group"),
                        at: intoNode.location)
                }
            } else {
                let known = GroupField.allCases.map(\.rawValue)
                error(
                    .unknownField,
                    tr(
                        "unknown group target '\(name)'\(Suggestions.hint(for: name, in: known)); groups can go into: \(known.joined(separator: ", "))"
                    ), at: intoNode.location)
            }
        }
        var rule: RepeatRule?
        if let repeatNode = fields["repeat"] { rule = readRepeat(repeatNode) }
        // A for_each group walks an earlier group; its questions are visible inside.
        var walkedScope: [String: VisibleQuestion] = [:]
        var forEach: String?
        var walksGoals = false
        if let forEachNode = fields["for_each"], let walked = string(forEachNode, key: "for_each") {
            if fields["repeat"] != nil {
                error(.badForEach, tr("a group takes 'repeat' or 'for_each', not both"), at: forEachNode.location)
            } else if walked == planGoalsWalk {
                // The plan's goals: asked earlier in this run, or read back from a plan.
                forEach = walked
                walksGoals = true
            } else if let target = context.finishedGroups[walked] {
                forEach = walked
                walksGoals = target.into == .goals
                for q in Self.directQuestions(of: target.items) {
                    walkedScope[q.id] = VisibleQuestion(
                        question: q, groupID: walked,
                        clinicianOnly: q.mode == .facilitated || target.mode == .facilitated
                            || context.facilitatedDepth > 0)
                }
            } else {
                let known = Array(context.finishedGroups.keys) + [planGoalsWalk]
                error(
                    .badForEach,
                    tr("'for_each: \(walked)' needs a group asked earlier, or \(planGoalsWalk)")
                        + Suggestions.hint(for: walked, in: known),
                    at: forEachNode.location)
            }
        }
        context.scopes.append(walkedScope)
        let inner = Place(
            goal: place.goal || into == .goals || walksGoals, obstacle: place.obstacle || into == .obstacles)
        let goalBefore = context.goalDepth
        if inner.goal { context.goalDepth += 1 }
        defer { context.goalDepth = goalBefore }
        let facilitatedBefore = context.facilitatedDepth
        if fields["mode"]?.scalar?.string == FlowMode.facilitated.rawValue { context.facilitatedDepth += 1 }
        defer { context.facilitatedDepth = facilitatedBefore }
        if let title = optionalString(fields, "title"), let node = fields["title"] {
            checkTemplate(title, at: node, what: "'title'")
        }
        if let intro = optionalString(fields, "intro"), let node = fields["intro"] {
            checkTemplate(intro, at: node, what: "'intro'")
        }
        context.scopes.append([:])
        context.groupStack.append(id ?? "")
        defer { context.groupStack.removeLast() }
        var items: [FlowItem] = []
        if let questions = fields["questions"] {
            items = readItems(questions, insideGoal: inner)
            if case .sequence(let list) = questions, list.isEmpty {
                error(.emptyFlow, tr("the group's 'questions' list is empty"), at: questions.location)
            }
        } else {
            error(.missingKey, tr("the group has no 'questions' list"), at: node.location)
        }
        if let rule, let node = fields["repeat"] {
            checkTemplate(rule.more, at: node, what: "'more'")
            if let first = rule.first { checkTemplate(first, at: node, what: "'first'") }
        }
        context.scopes.removeLast(2)
        guard let id else { return nil }
        let group = QuestionGroup(
            id: id, title: optionalString(fields, "title"), intro: optionalString(fields, "intro"),
            items: items, repeatRule: rule, forEach: forEach, into: into, when: when,
            mode: fields["mode"].flatMap { readMode($0) }, location: node.location)
        context.finishedGroups[id] = group
        return group
    }

    private mutating func readRepeat(_ node: Node) -> RepeatRule? {
        guard let fields = mapping(node, allowed: Self.repeatKeys, what: "'repeat'") else { return nil }
        let low = fields["min"].flatMap { integer($0, key: "min") } ?? 1
        let high = fields["max"].flatMap { integer($0, key: "max") }
        guard let more = requiredString(fields, "more", in: node, what: "'repeat'") else { return nil }
        guard let high else {
            error(.missingKey, tr("'repeat' needs 'max', the most rounds allowed"), at: node.location)
            return nil
        }
        if low < 0 || high < 1 || low > high || high > 100 {
            error(
                .badRepeat,
                tr("'repeat' needs 0 <= min <= max, with max between 1 and 100 (got min \(low), max \(high))"),
                at: node.location)
            return nil
        }
        return RepeatRule(min: low, max: high, more: more, first: optionalString(fields, "first"))
    }

    private mutating func readQuestion(_ node: Node, insideGoal place: Place) -> Question? {
        guard let fields = mapping(node, allowed: Self.questionKeys, what: tr("a question")) else { return nil }
        context.itemFacilitated = fields["mode"]?.scalar?.string == FlowMode.facilitated.rawValue
        defer { context.itemFacilitated = false }
        let id = requiredString(fields, "id", in: node, what: tr("the question"))
        if let id, let idNode = fields["id"] { claim(id, at: idNode.location) }
        let ask = requiredString(fields, "ask", in: node, what: tr("the question"))
        var type = QuestionType.text
        if let typeNode = fields["type"], let name = string(typeNode, key: "type") {
            if let known = QuestionType(rawValue: name), known.isAsked {
                type = known
            } else {
                let names = QuestionType.writable.map(\.rawValue)
                error(
                    .unknownQuestionType,
                    tr(
                        "unknown question type '\(name)'\(Suggestions.hint(for: name, in: names)); types are \(names.joined(separator: ", "))"
                    ), at: typeNode.location)
                return nil
            }
        }
        let when = fields["when"].flatMap { readCondition($0) }
        var choicesFrom: PlanField?
        if let fromNode = fields["choices_from"], let name = string(fromNode, key: "choices_from") {
            let sources = [PlanField.goalSteps, .goalLevels]
            if !sources.map(\.rawValue).contains(name) {
                error(
                    .unknownField,
                    tr("'choices_from' can be \(sources[0].rawValue) or \(sources[1].rawValue), not '\(name)'")
                        + Suggestions.hint(for: name, in: sources.map(\.rawValue)),
                    at: fromNode.location)
            } else if type != .choice && type != .multi {
                error(.fieldTypeMismatch, tr("'choices_from' is for choice and multi questions"), at: fromNode.location)
            } else if !place.goal {
                error(
                    .fieldOutOfPlace, tr("'choices_from: \(name)' needs a goal: put it inside a goal group"),
                    at: fromNode.location)
            } else {
                choicesFrom = PlanField(rawValue: name)
                if choicesFrom == .goalLevels && type != .choice {
                    error(
                        .fieldTypeMismatch, tr("'choices_from: goal.levels' is for a choice question"),
                        at: fromNode.location)
                }
            }
        }
        let choices = choicesFrom == nil ? readChoices(fields["choices"], type: type, at: node.location) : []
        var question = Question(
            id: id ?? "", ask: ask ?? "", type: type, help: optionalString(fields, "help"),
            required: fields["required"].flatMap { boolean($0, key: "required") } ?? false,
            defaultValue: optionalString(fields, "default"), choices: choices,
            min: fields["min"].flatMap { integer($0, key: "min") },
            max: fields["max"].flatMap { integer($0, key: "max") },
            minLabel: optionalString(fields, "min_label"), maxLabel: optionalString(fields, "max_label"),
            when: when, pattern: optionalString(fields, "pattern"), message: optionalString(fields, "message"),
            note: optionalString(fields, "note"), mode: fields["mode"].flatMap { readMode($0) },
            choicesFrom: choicesFrom, location: node.location)
        checkBounds(question, fields: fields)
        for key in ["min_label", "max_label"] where type != .scale {
            if let labelNode = fields[key] {
                warning(.unusedKey, tr("'\(key)' is only used by scale questions"), at: labelNode.location)
            }
        }
        if let patternNode = fields["pattern"], let pattern = question.pattern {
            if type != .text && type != .long && type != .list {
                warning(
                    .unusedKey, tr("'pattern' is only used by text, long and list questions"), at: patternNode.location)
            }
            if !TextPattern.isValid(pattern) {
                error(
                    .badPattern, tr("'pattern' is not a valid regular expression: \(pattern)"), at: patternNode.location
                )
                question.pattern = nil
            }
        }
        if let label = optionalString(fields, "label"), let node = fields["label"] {
            checkTemplate(label, at: node, what: "'label'")
            question.label = label
        }
        if let recordNode = fields["record"], let record = boolean(recordNode, key: "record") {
            question.record = record
            if !record, fields["into"] != nil {
                warning(.unusedKey, tr("'into' has no effect with 'record: false'"), at: recordNode.location)
            }
        }
        if let intoNode = fields["into"], let name = string(intoNode, key: "into") {
            question.into = readField(name, type: type, place: place, at: intoNode.location)
            if let field = question.into { checkRange(question, into: field, at: intoNode.location) }
            if let field = question.into, question.mode == .facilitated || context.facilitatedDepth > 0,
                !field.isClinicianOnly
            {
                error(
                    .clinicianAnswerShared,
                    tr(
                        "a clinician-only question ('mode: facilitated') cannot fill '\(field.rawValue)', which a client's copy shows; leave out 'into' (its answer goes to \"For the clinician\") or use plan.approach or plan.interventions"
                    ),
                    at: intoNode.location)
            }
        }
        if let defaultNode = fields["default"], let value = question.defaultValue {
            checkDefault(value, for: question, at: defaultNode.location)
        }
        if let ask, let node = fields["ask"] { checkTemplate(ask, at: node, what: "'ask'") }
        if let help = question.help, let node = fields["help"] { checkTemplate(help, at: node, what: "'help'") }
        if let node = fields["choices"] {
            for choice in choices { checkTemplate(choice.label, at: node, what: tr("a choice")) }
        }
        guard let id, ask != nil else { return nil }
        context.scopes[context.scopes.count - 1][id] = VisibleQuestion(
            question: question, groupID: context.groupStack.last,
            clinicianOnly: question.mode == .facilitated || context.facilitatedDepth > 0)
        return question
    }

    private mutating func readChoices(_ node: Node?, type: QuestionType, at owner: SourceLocation) -> [Choice] {
        let usesChoices = type == .choice || type == .multi
        guard let node else {
            if usesChoices {
                error(.missingChoices, tr("a \(type.rawValue) question needs a 'choices' list"), at: owner)
            }
            return []
        }
        if !usesChoices {
            warning(.unusedKey, tr("'choices' is only used by choice and multi questions"), at: node.location)
        }
        guard case .sequence(let sequence) = node else {
            error(.wrongValueType, tr("'choices' should be a list"), at: node.location)
            return []
        }
        if sequence.isEmpty, usesChoices {
            error(.missingChoices, tr("'choices' is empty; give at least two"), at: node.location)
        }
        var choices: [Choice] = []
        var seen: [String: SourceLocation] = [:]
        for entry in sequence {
            var choice: Choice?
            if case .mapping = entry {
                if let fields = mapping(entry, allowed: Self.choiceKeys, what: tr("a choice")),
                    let id = requiredString(fields, "id", in: entry, what: tr("the choice")),
                    let label = requiredString(fields, "label", in: entry, what: tr("the choice"))
                {
                    checkID(id, at: fields["id"]?.location ?? entry.location)
                    choice = Choice(id: id, label: label, value: fields["value"].flatMap { integer($0, key: "value") })
                }
            } else if let label = string(entry, key: tr("a choice")) {
                choice = Choice(id: Self.slug(label), label: label)
            }
            guard let choice else { continue }
            for key in [choice.id.lowercased(), choice.label.lowercased()] {
                if let first = seen[key] {
                    error(
                        .duplicateChoice,
                        tr(
                            "choice '\(key)' appears twice (first at line \(first.line)); each choice must be different"
                        ),
                        at: entry.location)
                    break
                }
            }
            seen[choice.id.lowercased()] = entry.location
            seen[choice.label.lowercased()] = entry.location
            choices.append(choice)
        }
        checkNumbers(choices, at: node.location)
        return choices
    }

    /// A typed number picks the choice with that number (its value, or the number its label
    /// starts with) before the choice in that place. Warns where the two could be confused.
    private func checkNumbers(_ choices: [Choice], at location: SourceLocation) {
        var byNumber: [Int: Choice] = [:]
        for choice in choices {
            guard let n = choice.number else { continue }
            if let other = byNumber[n] {
                warning(
                    .ambiguousNumber,
                    tr(
                        "choices '\(other.id)' and '\(choice.id)' both have the number \(n), so typing \(n) picks neither; give them different values"
                    ), at: location)
            }
            byNumber[n] = byNumber[n] ?? choice
        }
        guard !byNumber.isEmpty, !choices.allNumbered else { return }
        for (place, choice) in choices.enumerated() {
            guard let numbered = byNumber[place + 1], numbered.id != choice.id else { continue }
            warning(
                .ambiguousNumber,
                tr(
                    "typing \(place + 1) picks '\(numbered.label)' (its number), not '\(choice.label)' (number \(place + 1) in the list); give every choice a 'value', or none"
                ), at: location)
            return
        }
    }

    func readMode(_ node: Node) -> FlowMode? {
        guard let name = string(node, key: "mode") else { return nil }
        guard let mode = FlowMode(rawValue: name) else {
            let names = FlowMode.allCases.map(\.rawValue)
            error(
                .wrongValueType,
                tr("'mode' is \(names[0]) or \(names[1]), not '\(name)'") + Suggestions.hint(for: name, in: names),
                at: node.location)
            return nil
        }
        return mode
    }

    func readField(
        _ name: String, type: QuestionType, place: Place, at location: SourceLocation
    ) -> PlanField? {
        if name == PlanField.goalLevels.rawValue {
            error(
                .unknownField,
                tr(
                    "'goal.levels' is where choices can come from ('choices_from'); the levels are filled one at a time, goal.level_minus2 to goal.level_plus2"
                ), at: location)
            return nil
        }
        guard let field = PlanField(rawValue: name) else {
            let known = PlanField.allCases.map(\.rawValue)
            error(
                .unknownField,
                tr(
                    "unknown plan field '\(name)'\(Suggestions.hint(for: name, in: known)); see Prompts/README.md for the list"
                ),
                at: location)
            return nil
        }
        if !field.acceptedTypes.contains(type) {
            let fits = field.acceptedTypes.map(\.rawValue).sorted().joined(separator: ", ")
            error(.fieldTypeMismatch, tr("'\(name)' takes a \(fits) answer, not \(type.rawValue)"), at: location)
        }
        if field.isObstacleField && !place.obstacle {
            error(
                .fieldOutOfPlace,
                tr("'\(name)' belongs to one obstacle, so it must be inside a group with 'into: obstacles'"),
                at: location)
        } else if field.isGoalField && !place.goal {
            error(
                .fieldOutOfPlace,
                tr(
                    "'\(name)' belongs to one goal, so it must be inside a group with 'into: goals' (or one that walks it)"
                ),
                at: location)
        } else if !field.isGoalField && place.goal {
            warning(
                .fieldOutOfPlace, tr("'\(name)' sits inside a goal group; every goal's answer will be added to it"),
                at: location)
        }
        return field
    }

    /// A number that lands in a plan field must fit it: a 0-10 rating, a level from -2 to +2.
    func checkRange(_ q: Question, into field: PlanField, at location: SourceLocation) {
        guard let fits = field.numberRange else { return }
        let low: Int
        let high: Int
        switch q.type {
        case .scale:
            (low, high) = (q.scaleBounds.lowerBound, q.scaleBounds.upperBound)
        case .choice where q.choicesFrom == .goalLevels:
            (low, high) = (-2, 2)
        case .choice:
            let numbers = q.choices.compactMap(\.number)
            guard q.choices.allNumbered, let l = numbers.min(), let h = numbers.max() else {
                error(
                    .outOfRange,
                    tr(
                        "'\(field.rawValue)' holds a number from \(fits.lowerBound) to \(fits.upperBound); give every choice a 'value' in that range"
                    ),
                    at: location)
                return
            }
            (low, high) = (l, h)
        default:
            return
        }
        if low < fits.lowerBound || high > fits.upperBound {
            error(
                .outOfRange,
                tr(
                    "'\(field.rawValue)' holds \(fits.lowerBound) to \(fits.upperBound), but this question gives \(low) to \(high); plans with such a value could not be read back"
                ), at: location)
        }
    }

    private func checkBounds(_ q: Question, fields: [String: Node]) {
        let place = fields["max"]?.location ?? fields["min"]?.location ?? q.location
        if let low = q.min, let high = q.max, low >= high, !(low == high && q.type != .scale) {
            error(.badBounds, tr("'min' (\(low)) must be less than 'max' (\(high))"), at: place)
        }
        if let low = q.min, low < 0, q.type != .scale {
            error(.badBounds, tr("'min' cannot be negative for a \(q.type.rawValue) question"), at: place)
        }
        if q.min != nil || q.max != nil, [.yesno, .date, .choice].contains(q.type) {
            warning(.unusedKey, tr("'min' and 'max' are not used by \(q.type.rawValue) questions"), at: place)
        }
        if q.type == .multi, let low = q.min, low > q.choices.count, !q.choices.isEmpty {
            error(.badBounds, tr("'min' (\(low)) is more than the \(q.choices.count) choices"), at: place)
        }
    }

    private func checkDefault(_ value: String, for q: Question, at location: SourceLocation) {
        if q.type == .list || q.type == .long {
            warning(.unusedKey, tr("'default' is not used by \(q.type.rawValue) questions"), at: location)
            return
        }
        // Relative dates ("in 2 weeks") are checked against a fixed day; any day would do.
        guard case .invalid(let reason) = AnswerParser.parse([value], for: q, today: .epoch) else { return }
        let why =
            q.type == .date
            ? tr("it is not a date goalplan reads (such as 2026-12-11, today, next week or in 2 weeks)") : reason
        error(.badDefault, tr("default '\(value)' does not fit this question: \(why)"), at: location)
    }

    func claim(_ id: String, at location: SourceLocation) {
        checkID(id, at: location)
        if let first = context.declared[id] {
            let message =
                first.path == path
                ? tr("id '\(id)' is already used at line \(first.location.line); ids must be unique in a flow")
                : tr("id '\(id)' is already used at \(first.path):\(first.location.line); ids must be unique in a flow")
            error(.duplicateID, message, at: location)
        } else {
            context.declared[id] = (path, location)
        }
    }

    func checkID(_ id: String, at location: SourceLocation) {
        // ASCII letters, digits, '_' and '-', a letter first; read as bytes, since any byte of
        // a longer character is outside that set.
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let ok =
            id.utf8.first.map(isLetter) == true
            && id.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
        if !ok {
            error(
                .badID, tr("id '\(id)' should start with a letter and use only letters, digits, '_' and '-'"),
                at: location)
        }
    }

    /// Items asked only when `condition` holds too.
    static func adding(_ condition: Condition, to items: [FlowItem]) -> [FlowItem] {
        items.map { item in
            switch item {
            case .question(var q):
                q.when = q.when.map { .and(condition, $0) } ?? condition
                return .question(q)
            case .group(var g):
                g.when = g.when.map { .and(condition, $0) } ?? condition
                return .group(g)
            case .section(var s):
                s.items = adding(condition, to: s.items)
                return .section(s)
            }
        }
    }

    /// `Emotional resilience` -> `emotional_resilience`.
    static func slug(_ label: String) -> String {
        var out = ""
        for c in label.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if out.last != "_" && !out.isEmpty {
                out.append("_")
            }
        }
        while out.last == "_" { out.removeLast() }
        return out.isEmpty ? label : out
    }

    /// The questions asked once per round of a group (not those of groups inside it).
    static func directQuestions(of items: [FlowItem]) -> [Question] {
        items.flatMap { item -> [Question] in
            switch item {
            case .question(let q): [q]
            case .section(let s): directQuestions(of: s.items)
            case .group: []
            }
        }
    }

    /// Every `id: x` written in the file, found by a quick look at its lines: only used to tell
    /// "asked later" from "no such question" in messages.
    static func questionIDs(in bytes: [UInt8]) -> Set<String> {
        var out: Set<String> = []
        let (space, dash, newline, quote, apostrophe) = (UInt8(32), UInt8(45), UInt8(10), UInt8(34), UInt8(39))
        var i = 0
        let n = bytes.count
        while i < n {
            // At the start of a line: skip spaces and list dashes, then look for `id:`.
            while i < n, bytes[i] == space || bytes[i] == dash { i += 1 }
            if i + 3 <= n, bytes[i] == UInt8(ascii: "i"), bytes[i + 1] == UInt8(ascii: "d"),
                bytes[i + 2] == UInt8(ascii: ":")
            {
                var start = i + 3
                while start < n, bytes[start] == space { start += 1 }
                var end = start
                while end < n, bytes[end] != newline { end += 1 }
                var last = end
                while last > start, bytes[last - 1] == space || bytes[last - 1] == 13 { last -= 1 }
                if last > start, bytes[start] == quote || bytes[start] == apostrophe { start += 1 }
                if last > start, bytes[last - 1] == quote || bytes[last - 1] == apostrophe { last -= 1 }
                if last > start { out.insert(String(decoding: bytes[start..<last], as: UTF8.self)) }
                i = end
            }
            while i < n, bytes[i] != newline { i += 1 }
            i += 1
        }
        return out
    }

    /// Where character `offset` of a scalar's text sits in the file.
    func location(ofOffset offset: Int, in node: Node) -> SourceLocation {
        let base = node.location
        guard case .scalar(let scalar) = node else { return base }
        switch scalar.style {
        case .plain: return SourceLocation(line: base.line, column: base.column + offset)
        case .singleQuoted, .doubleQuoted: return SourceLocation(line: base.line, column: base.column + 1 + offset)
        default: return base
        }
    }

    var idsWrittenInFile: Set<String> { idsInFile }
}

extension FlowReader: NodeReading {}
