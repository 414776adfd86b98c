/// Answers given ahead of time in a YAML file: question id to answer, a list for list and
/// multi questions, and a list of mappings for a repeating group.
///
/// ```yaml
/// name: Sam
/// concerns: [Trouble sleeping, Arguments at home]
/// goals:
///   - title: Sleep seven hours on most nights
///     rating: 2
/// ```
public struct ScriptedAnswers: Equatable, Sendable {
    /// Raw input lines by question id, fed through the same checks as typed answers.
    public var values: [String: [String]]
    /// Rounds by group id.
    public var groups: [String: [ScriptedAnswers]]

    public init(values: [String: [String]] = [:], groups: [String: [ScriptedAnswers]] = [:]) {
        self.values = values
        self.groups = groups
    }

    /// A problem in an answers file, with its place.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        public var location: SourceLocation
    }

    /// Every problem found in an answers file.
    public struct Problems: Error, Equatable, Sendable {
        public var items: [Problem]
    }

    /// Reads an answers file written for `flow`. Every key must name a question or group of it.
    public static func read(_ bytes: [UInt8], for flow: Flow) -> Swift.Result<ScriptedAnswers, Problems> {
        let root: Node?
        do {
            root = try YAMLDocument(bytes: bytes).root
        } catch {
            return .failure(Problems(items: [Problem(message: error.message, location: error.location)]))
        }
        guard let root else { return .success(ScriptedAnswers()) }
        var problems: [Problem] = []
        let answers = readScope(root, items: flow.items, problems: &problems)
        return problems.isEmpty ? .success(answers) : .failure(Problems(items: problems))
    }

    private static func readScope(_ node: Node, items: [FlowItem], problems: inout [Problem]) -> ScriptedAnswers {
        var out = ScriptedAnswers()
        guard case .mapping(let map) = node else {
            problems.append(
                Problem(message: tr("expected a mapping of question ids to answers"), location: node.location))
            return out
        }
        var questions: [String: Question] = [:]
        var groups: [String: QuestionGroup] = [:]
        var notAsked: [String: Question] = [:]
        func collect(_ items: [FlowItem]) {
            for item in items {
                switch item {
                case .question(let q) where q.type.isAsked: questions[q.id] = q
                case .question(let q): notAsked[q.id] = q
                case .group(let g): groups[g.id] = g
                case .section(let s): collect(s.items)
                }
            }
        }
        collect(items)
        for (keyNode, value) in map {
            let key = keyNode.scalar?.string ?? ""
            if questions[key] != nil {
                guard let lines = lines(value) else {
                    problems.append(
                        Problem(message: tr("'\(key)' should be text or a list of text"), location: value.location))
                    continue
                }
                out.values[key] = lines
            } else if let group = groups[key] {
                var rounds: [Node] = []
                switch value {
                case .sequence(let seq): rounds = Array(seq)
                case .mapping where group.repeatRule == nil && group.forEach == nil: rounds = [value]
                default:
                    problems.append(
                        Problem(
                            message: tr("'\(key)' is a group: give a list with one mapping for each round"),
                            location: value.location))
                    continue
                }
                if group.forEach == nil, rounds.count > group.bounds.upperBound {
                    problems.append(
                        Problem(
                            message:
                                tr(
                                    "'\(key)' has \(rounds.count) rounds; the flow allows at most \(group.bounds.upperBound)"
                                ),
                            location: value.location))
                }
                out.groups[key] = rounds.map { readScope($0, items: group.items, problems: &problems) }
            } else if let q = notAsked[key] {
                problems.append(
                    Problem(
                        message: q.type == .computed
                            ? tr("'\(key)' is worked out from other answers, so it takes no answer")
                            : tr("'\(key)' shows words and asks nothing, so it takes no answer"),
                        location: keyNode.location))
            } else {
                let known = Array(questions.keys) + Array(groups.keys)
                // A question of a group inside this scope: say which, so the file can nest it.
                let home = groups.values.compactMap { Self.path(to: key, in: $0) }.first
                let hint = home.map(Self.belongs(to:)) ?? Suggestions.hint(for: key, in: known)
                problems.append(
                    Problem(message: tr("'\(key)' is not a question here\(hint)"), location: keyNode.location))
            }
        }
        return out
    }

    /// `; it belongs to the group 'a' inside 'b', so put it under 'a'`.
    private static func belongs(to path: [String]) -> String {
        let quoted = path.map { "'\($0)'" }
        let groups = quoted.dropFirst().reduce(quoted.first ?? "") { tr("\($0) inside \($1)", context: "group") }
        return tr("; it belongs to the group \(groups), so put it under '\(path.first ?? "")'")
    }

    /// The groups from `group` down to the one that asks `id`, outermost first.
    private static func path(to id: String, in group: QuestionGroup) -> [String]? {
        for item in group.items {
            switch item {
            case .question(let q) where q.id == id: return [group.id]
            case .group(let inner):
                if let rest = path(to: id, in: inner) { return [group.id] + rest }
            case .section(let s):
                for case .group(let inner) in s.items {
                    if let rest = path(to: id, in: inner) { return [group.id] + rest }
                }
                if s.items.contains(where: { if case .question(let q) = $0 { q.id == id } else { false } }) {
                    return [group.id]
                }
            default: continue
            }
        }
        return nil
    }

    /// A scalar's lines, or a list's items; nil for anything else.
    private static func lines(_ node: Node) -> [String]? {
        switch node {
        case .scalar(let s):
            if s.style == .plain, s.string == "~" || s.string == "null" { return [] }
            return s.string.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .sequence(let seq):
            var out: [String] = []
            for item in seq {
                guard case .scalar(let s) = item else { return nil }
                out.append(s.string)
            }
            return out
        default:
            return nil
        }
    }

    /// The prepared input for a step, if this file answers it.
    ///
    /// For a question: its lines. For "another round?": "y" while the file has more rounds
    /// than the run so far, otherwise "n" (when the file names the group at all).
    public func input(for step: Step) -> [String]? {
        switch step {
        case .question(let q):
            if q.question.type == .display { return [] }
            return scope(at: q.path.rounds)?.values[q.path.questionID]
        case .another(let a):
            guard let rounds = scope(at: a.parentRounds)?.groups[a.groupID] else { return nil }
            return [rounds.count > a.roundsSoFar ? "y" : "n"]
        }
    }

    private func scope(at rounds: [AnswerPath.Round]) -> ScriptedAnswers? {
        var current = self
        for round in rounds {
            guard let list = current.groups[round.groupID], round.index < list.count else { return nil }
            current = list[round.index]
        }
        return current
    }
}
