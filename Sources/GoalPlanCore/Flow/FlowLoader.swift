import Yams

/// Reads a flow file and checks it, reporting every problem it finds, compiler-style.
public enum FlowLoader {
    /// The result of reading one file: the flow when it has no errors, and every finding.
    public struct Result: Sendable {
        public var flow: Flow?
        public var diagnostics: [Diagnostic]
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Reads `bytes` as a flow. `path` is how messages name the file; when `expectedID` is
    /// given (the file's name without `.yaml`), the flow's id must match it.
    public static func load(_ bytes: [UInt8], path: String, expectedID: String? = nil) -> Result {
        var reader = FlowReader(path: path)
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            reader.error(error.code, error.message, at: error.location)
            return Result(flow: nil, diagnostics: reader.diagnostics)
        }
        guard let root else {
            reader.error(.emptyFlow, "file is empty; a flow needs an id, a title and questions", at: .unknown)
            return Result(flow: nil, diagnostics: reader.diagnostics)
        }
        let flow = reader.readFlow(root, expectedID: expectedID)
        let diagnostics = reader.diagnostics.sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
        return Result(
            flow: reader.diagnostics.contains { $0.severity == .error } ? nil : flow, diagnostics: diagnostics)
    }

    /// Reads a flow that must be clean, such as one built into the program.
    public static func load(_ text: String, path: String, expectedID: String? = nil) -> Result {
        load(Array(text.utf8), path: path, expectedID: expectedID)
    }
}

/// Walks the YAML nodes of a flow file, building the flow and collecting findings.
struct FlowReader {
    let path: String
    var diagnostics: [Diagnostic] = []
    private var seenIDs: [String: SourceLocation] = [:]

    init(path: String) {
        self.path = path
    }

    static let flowKeys = ["id", "title", "intro", "questions"]
    static let questionKeys = [
        "id", "ask", "type", "help", "required", "default", "choices", "min", "max", "min_label",
        "max_label", "into",
    ]
    static let groupKeys = ["group", "title", "intro", "questions", "repeat", "into"]
    static let repeatKeys = ["min", "max", "more", "first"]
    static let choiceKeys = ["id", "label"]

    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, code, message, path: path, at: location))
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, code, message, path: path, at: location))
    }

    mutating func readFlow(_ root: Node, expectedID: String?) -> Flow? {
        guard let fields = mapping(root, allowed: Self.flowKeys, what: "a flow") else { return nil }
        let id = requiredString(fields, "id", in: root, what: "the flow")
        if let id, let idNode = fields["id"] {
            checkID(id, at: idNode.location)
            if let expectedID, id != expectedID {
                error(
                    .idNotFileName,
                    "flow id '\(id)' does not match the file name '\(expectedID).yaml'; "
                        + "rename one so they agree", at: idNode.location)
            }
        }
        let title = requiredString(fields, "title", in: root, what: "the flow")
        let intro = optionalString(fields, "intro")
        var items: [FlowItem] = []
        if let questions = fields["questions"] {
            items = readItems(questions, insideGoal: false)
            if case .sequence(let list) = questions, list.isEmpty {
                error(.emptyFlow, "'questions' is empty; add at least one question", at: questions.location)
            }
        } else {
            error(.missingKey, "the flow has no 'questions' list", at: root.location)
        }
        guard let id, let title else { return nil }
        return Flow(id: id, title: title, intro: intro, items: items)
    }

    private mutating func readItems(_ node: Node, insideGoal: Bool) -> [FlowItem] {
        guard case .sequence(let sequence) = node else {
            error(.wrongValueType, "'questions' should be a list of questions", at: node.location)
            return []
        }
        var items: [FlowItem] = []
        for entry in sequence {
            if case .mapping(let map) = entry, map["group"] != nil {
                if let group = readGroup(entry, insideGoal: insideGoal) { items.append(.group(group)) }
            } else if let question = readQuestion(entry, insideGoal: insideGoal) {
                items.append(.question(question))
            }
        }
        return items
    }

    private mutating func readGroup(_ node: Node, insideGoal: Bool) -> QuestionGroup? {
        guard let fields = mapping(node, allowed: Self.groupKeys, what: "a group") else { return nil }
        let id = requiredString(fields, "group", in: node, what: "the group")
        if let id, let idNode = fields["group"] { claim(id, at: idNode.location) }
        var into: GroupField?
        if let intoNode = fields["into"], let name = string(intoNode, key: "into") {
            if let field = GroupField(rawValue: name) {
                into = field
                if insideGoal {
                    error(
                        .fieldOutOfPlace, "a group 'into: goals' cannot sit inside another goal group",
                        at: intoNode.location)
                }
            } else {
                let known = GroupField.allCases.map(\.rawValue)
                error(
                    .unknownField,
                    "unknown group target '\(name)'\(Suggestions.hint(for: name, in: known)); "
                        + "groups can go into: \(known.joined(separator: ", "))", at: intoNode.location)
            }
        }
        var rule: RepeatRule?
        if let repeatNode = fields["repeat"] { rule = readRepeat(repeatNode) }
        var items: [FlowItem] = []
        if let questions = fields["questions"] {
            items = readItems(questions, insideGoal: insideGoal || into == .goals)
            if case .sequence(let list) = questions, list.isEmpty {
                error(.emptyFlow, "the group's 'questions' list is empty", at: questions.location)
            }
        } else {
            error(.missingKey, "the group has no 'questions' list", at: node.location)
        }
        guard let id else { return nil }
        return QuestionGroup(
            id: id, title: optionalString(fields, "title"), intro: optionalString(fields, "intro"),
            items: items, repeatRule: rule, into: into, location: node.location)
    }

    private mutating func readRepeat(_ node: Node) -> RepeatRule? {
        guard let fields = mapping(node, allowed: Self.repeatKeys, what: "'repeat'") else { return nil }
        let low = fields["min"].flatMap { integer($0, key: "min") } ?? 1
        let high = fields["max"].flatMap { integer($0, key: "max") }
        guard let more = requiredString(fields, "more", in: node, what: "'repeat'") else { return nil }
        guard let high else {
            error(.missingKey, "'repeat' needs 'max', the most rounds allowed", at: node.location)
            return nil
        }
        if low < 0 || high < 1 || low > high || high > 100 {
            error(
                .badRepeat,
                "'repeat' needs 0 <= min <= max, with max between 1 and 100 (got min \(low), max \(high))",
                at: node.location)
            return nil
        }
        return RepeatRule(min: low, max: high, more: more, first: optionalString(fields, "first"))
    }

    private mutating func readQuestion(_ node: Node, insideGoal: Bool) -> Question? {
        guard let fields = mapping(node, allowed: Self.questionKeys, what: "a question") else { return nil }
        let id = requiredString(fields, "id", in: node, what: "the question")
        if let id, let idNode = fields["id"] { claim(id, at: idNode.location) }
        let ask = requiredString(fields, "ask", in: node, what: "the question")
        var type = QuestionType.text
        if let typeNode = fields["type"], let name = string(typeNode, key: "type") {
            if let known = QuestionType(rawValue: name) {
                type = known
            } else {
                let names = QuestionType.allCases.map(\.rawValue)
                error(
                    .unknownQuestionType,
                    "unknown question type '\(name)'\(Suggestions.hint(for: name, in: names)); "
                        + "types are \(names.joined(separator: ", "))", at: typeNode.location)
                return nil
            }
        }
        let choices = readChoices(fields["choices"], type: type, at: node.location)
        var question = Question(
            id: id ?? "", ask: ask ?? "", type: type, help: optionalString(fields, "help"),
            required: fields["required"].flatMap { boolean($0, key: "required") } ?? false,
            defaultValue: optionalString(fields, "default"), choices: choices,
            min: fields["min"].flatMap { integer($0, key: "min") },
            max: fields["max"].flatMap { integer($0, key: "max") },
            minLabel: optionalString(fields, "min_label"), maxLabel: optionalString(fields, "max_label"),
            location: node.location)
        checkBounds(question, fields: fields)
        for key in ["min_label", "max_label"] where type != .scale {
            if let labelNode = fields[key] {
                warning(.unusedKey, "'\(key)' is only used by scale questions", at: labelNode.location)
            }
        }
        if let intoNode = fields["into"], let name = string(intoNode, key: "into") {
            question.into = readField(name, type: type, insideGoal: insideGoal, at: intoNode.location)
        }
        if let defaultNode = fields["default"], let value = question.defaultValue {
            checkDefault(value, for: question, at: defaultNode.location)
        }
        guard id != nil, ask != nil else { return nil }
        return question
    }

    private mutating func readChoices(_ node: Node?, type: QuestionType, at owner: SourceLocation) -> [Choice] {
        let usesChoices = type == .choice || type == .multi
        guard let node else {
            if usesChoices {
                error(.missingChoices, "a \(type.rawValue) question needs a 'choices' list", at: owner)
            }
            return []
        }
        if !usesChoices {
            warning(.unusedKey, "'choices' is only used by choice and multi questions", at: node.location)
        }
        guard case .sequence(let sequence) = node else {
            error(.wrongValueType, "'choices' should be a list", at: node.location)
            return []
        }
        if sequence.isEmpty, usesChoices {
            error(.missingChoices, "'choices' is empty; give at least two", at: node.location)
        }
        var choices: [Choice] = []
        var seen: [String: SourceLocation] = [:]
        for entry in sequence {
            var choice: Choice?
            if case .mapping = entry {
                if let fields = mapping(entry, allowed: Self.choiceKeys, what: "a choice"),
                    let id = requiredString(fields, "id", in: entry, what: "the choice"),
                    let label = requiredString(fields, "label", in: entry, what: "the choice")
                {
                    checkID(id, at: fields["id"]?.location ?? entry.location)
                    choice = Choice(id: id, label: label)
                }
            } else if let label = string(entry, key: "a choice") {
                choice = Choice(id: Self.slug(label), label: label)
            }
            guard let choice else { continue }
            for key in Set([choice.id.lowercased(), choice.label.lowercased()]) {
                if let first = seen[key] {
                    error(
                        .duplicateChoice,
                        "choice '\(key)' appears twice (first at line \(first.line)); each choice must be different",
                        at: entry.location)
                    break
                }
            }
            seen[choice.id.lowercased()] = entry.location
            seen[choice.label.lowercased()] = entry.location
            choices.append(choice)
        }
        return choices
    }

    private mutating func readField(
        _ name: String, type: QuestionType, insideGoal: Bool, at location: SourceLocation
    ) -> PlanField? {
        guard let field = PlanField(rawValue: name) else {
            let known = PlanField.allCases.map(\.rawValue)
            error(
                .unknownField,
                "unknown plan field '\(name)'\(Suggestions.hint(for: name, in: known)); "
                    + "see Prompts/README.md for the list", at: location)
            return nil
        }
        if !field.acceptedTypes.contains(type) {
            let fits = field.acceptedTypes.map(\.rawValue).sorted().joined(separator: ", ")
            error(
                .fieldTypeMismatch,
                "'\(name)' takes a \(fits) answer, not \(type.rawValue)", at: location)
        }
        if field.isGoalField && !insideGoal {
            error(
                .fieldOutOfPlace,
                "'\(name)' belongs to one goal, so it must be inside a group with 'into: goals'",
                at: location)
        } else if !field.isGoalField && insideGoal {
            warning(
                .fieldOutOfPlace,
                "'\(name)' sits inside a goal group; every goal's answer will be added to it", at: location)
        }
        return field
    }

    private mutating func checkBounds(_ q: Question, fields: [String: Node]) {
        let place = fields["max"]?.location ?? fields["min"]?.location ?? q.location
        if let low = q.min, let high = q.max, low >= high, !(low == high && q.type != .scale) {
            error(.badBounds, "'min' (\(low)) must be less than 'max' (\(high))", at: place)
        }
        if let low = q.min, low < 0, q.type != .scale {
            error(.badBounds, "'min' cannot be negative for a \(q.type.rawValue) question", at: place)
        }
        if (q.min != nil || q.max != nil), [.yesno, .date, .choice].contains(q.type) {
            warning(.unusedKey, "'min' and 'max' are not used by \(q.type.rawValue) questions", at: place)
        }
        if q.type == .multi, let low = q.min, low > q.choices.count, !q.choices.isEmpty {
            error(.badBounds, "'min' (\(low)) is more than the \(q.choices.count) choices", at: place)
        }
    }

    private mutating func checkDefault(_ value: String, for q: Question, at location: SourceLocation) {
        if q.type == .list || q.type == .long {
            warning(.unusedKey, "'default' is not used by \(q.type.rawValue) questions", at: location)
            return
        }
        // Relative dates ("in 2 weeks") are checked against a fixed day; any day would do.
        let anyDay = CalendarDate.epoch
        if case .invalid(let reason) = AnswerParser.parse([value], for: q, today: anyDay) {
            error(.badDefault, "default '\(value)' does not fit this question: \(reason)", at: location)
        }
    }

    private mutating func claim(_ id: String, at location: SourceLocation) {
        checkID(id, at: location)
        if let first = seenIDs[id] {
            error(
                .duplicateID, "id '\(id)' is already used at line \(first.line); ids must be unique in a flow",
                at: location)
        } else {
            seenIDs[id] = location
        }
    }

    private mutating func checkID(_ id: String, at location: SourceLocation) {
        let ok =
            id.first.map { $0.isASCII && $0.isLetter } == true
            && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if !ok {
            error(
                .badID,
                "id '\(id)' should start with a letter and use only letters, digits, '_' and '-'",
                at: location)
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

    // MARK: Typed access to nodes

    private mutating func mapping(_ node: Node, allowed: [String], what: String) -> [String: Node]? {
        guard case .mapping(let map) = node else {
            error(.wrongValueType, "expected \(what) as a mapping of 'key: value' lines", at: node.location)
            return nil
        }
        var fields: [String: Node] = [:]
        for (keyNode, value) in map {
            guard case .scalar(let key) = keyNode else {
                error(.wrongValueType, "keys must be plain words", at: keyNode.location)
                continue
            }
            if allowed.contains(key.string) {
                fields[key.string] = value
            } else {
                error(
                    .unknownKey,
                    "unknown key '\(key.string)' in \(what)\(Suggestions.hint(for: key.string, in: allowed))",
                    at: keyNode.location)
            }
        }
        return fields
    }

    private mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(.wrongValueType, "'\(key)' should be text, not a list or mapping", at: node.location)
            return nil
        }
        return scalar.string
    }

    private mutating func requiredString(
        _ fields: [String: Node], _ key: String, in owner: Node, what: String
    ) -> String? {
        guard let node = fields[key] else {
            error(.missingKey, "\(what) has no '\(key)'", at: owner.location)
            return nil
        }
        guard let value = string(node, key: key) else { return nil }
        if value.trimmingSpaces.isEmpty {
            error(.missingKey, "'\(key)' is empty", at: node.location)
            return nil
        }
        return value
    }

    private mutating func optionalString(_ fields: [String: Node], _ key: String) -> String? {
        fields[key].flatMap { string($0, key: key) }
    }

    private mutating func integer(_ node: Node, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Int(text), abs(value) <= 1_000_000 else {
            error(.wrongValueType, "'\(key)' should be a whole number, not '\(text)'", at: node.location)
            return nil
        }
        return value
    }

    private mutating func boolean(_ node: Node, key: String) -> Bool? {
        guard let text = string(node, key: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.wrongValueType, "'\(key)' should be true or false, not '\(text)'", at: node.location)
            return nil
        }
    }
}
