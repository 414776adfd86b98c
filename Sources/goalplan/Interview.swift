import GoalPlanCore
import LineEditing

/// The REPL: joins a `LineReader` to a `Session`, one question at a time, and does the printing.
final class Interview {
    private let reader: LineReader
    private let console: Console
    private var session: Session
    private let scripted: ScriptedAnswers?
    private let scriptedPath: String?
    /// Whether there is a person to ask when the answers file is silent.
    private let canAsk: Bool
    private var introduced = false
    private var lastContext: [RoundContext] = []

    init(
        session: Session, reader: LineReader, console: Console, scripted: ScriptedAnswers? = nil,
        scriptedPath: String? = nil, canAsk: Bool = true
    ) {
        self.session = session
        self.reader = reader
        self.console = console
        self.scripted = scripted
        self.scriptedPath = scriptedPath
        self.canAsk = canAsk
    }

    /// Runs the flow to its end and returns the answers.
    func run() throws(Failure) -> Answers {
        while let step = session.current {
            if let lines = scripted?.input(for: step) {
                if case .invalid(let reason) = session.submit(lines) {
                    throw .scriptedAnswerInvalid(
                        path: scriptedPath ?? "answers", question: name(of: step), reason: reason)
                }
                continue
            }
            guard canAsk else {
                try answerWithoutPerson(step)
                continue
            }
            introduceOnce()
            switch step {
            case .question(let q): try ask(q)
            case .another(let a): try askAnother(a)
            }
        }
        return session.answers
    }

    /// With no one to ask: "no more rounds", the default, or a skip; a required question
    /// with no default stops the run.
    private func answerWithoutPerson(_ step: Step) throws(Failure) {
        switch step {
        case .another:
            session.submit(["n"])
        case .question(let q):
            if case .invalid = session.submit([]) {
                throw .noAnswerWithoutTerminal(question: q.path.description, answersFile: scriptedPath)
            }
        }
    }

    private func name(of step: Step) -> String {
        switch step {
        case .question(let q): q.path.description
        case .another(let a): a.groupID
        }
    }

    private func introduceOnce() {
        guard !introduced else { return }
        introduced = true
        let flow = session.flow
        console.line(console.style.bold(flow.title))
        if let intro = flow.intro {
            console.line()
            console.line(Self.paragraphs(intro))
        }
        console.line()
        console.line(
            console.style.dim("Answer one question at a time. Type :help at any prompt for guidance, or :quit to stop.")
        )
    }

    // MARK: Asking

    private func ask(_ step: QuestionStep) throws(Failure) {
        showContext(step.context)
        let q = step.question
        var position = "Question \(step.number) of \(step.total)"
        if let round = step.context.compactMap(\.label).last { position += " · \(round)" }
        if !q.required && q.defaultValue == nil { position += " · optional, Enter to pass" }
        console.line()
        console.line(console.style.dim(position))
        showQuestion(q)
        reader.setCompletions(
            q.type == .choice || q.type == .multi ? q.choices.map(\.label) + Self.commands : Self.commands)
        while true {
            let lines = try collect(q)
            switch session.submit(lines) {
            case .accepted, .finished:
                if lines.count == 1, let only = lines.first, !only.isEmpty { reader.remember(only) }
                return
            case .invalid(let reason):
                let hint = q.help != nil && reason.hasSuffix("needs an answer.") ? " Type :help for guidance." : ""
                console.line(console.style.warn("  ! \(reason)\(hint)"))
            }
        }
    }

    private func askAnother(_ step: AnotherStep) throws(Failure) {
        console.line()
        console.line(console.style.bold(step.ask) + " " + console.style.dim("[y/N]"))
        reader.setCompletions(["yes", "no"] + Self.commands)
        while true {
            guard let line = try readAnswerLine(prompt: "> ", help: nil) else { continue }
            if case .invalid(let reason) = session.submit([line]) {
                console.line(console.style.warn("  ! \(reason)"))
                continue
            }
            return
        }
    }

    private func showContext(_ context: [RoundContext]) {
        defer { lastContext = context }
        guard context != lastContext, let round = context.last, lastContext.last != round else { return }
        guard let heading = round.title.map({ round.maximum > 1 ? "\($0) \(round.index + 1)" : $0 }) else { return }
        console.line()
        console.line(console.style.accent("── \(heading) ──"))
        if round.index == 0, let group = group(withID: round.groupID, in: session.flow.items), let intro = group.intro {
            console.line(Self.paragraphs(intro))
        }
    }

    private func group(withID id: String, in items: [FlowItem]) -> QuestionGroup? {
        for item in items {
            if case .group(let g) = item {
                if g.id == id { return g }
                if let inner = group(withID: id, in: g.items) { return inner }
            }
        }
        return nil
    }

    private func showQuestion(_ q: Question) {
        var heading = console.style.bold(q.ask.trimmingCharacters)
        if let value = q.defaultValue { heading += " " + console.style.dim("[\(value)]") }
        console.line(heading)
        let hint: String?
        switch q.type {
        case .text, .yesno:
            hint = q.type == .yesno ? "Type y or n." : nil
        case .long:
            hint = "Write as many lines as you like. A line with only a full stop (.) finishes."
        case .list:
            let most = q.max.map { " (up to \($0))" } ?? ""
            hint = "One a line\(most). Press Enter on an empty line when you are done."
        case .choice, .multi:
            for (i, choice) in q.choices.enumerated() {
                console.line("  \(i + 1). \(choice.label)")
            }
            hint =
                q.type == .choice
                ? "Type a number or the start of a name."
                : "Type numbers or names, separated by commas."
        case .scale:
            let b = q.scaleBounds
            let low = q.minLabel.map { "\(b.lowerBound) = \($0)" } ?? "\(b.lowerBound)"
            let high = q.maxLabel.map { "\(b.upperBound) = \($0)" } ?? "\(b.upperBound)"
            hint = "A whole number: \(low) · \(high)"
        case .date:
            hint = "A date like \(session.today.adding(days: 14).iso), or words like \"in 2 weeks\"."
        }
        if let hint { console.line(console.style.dim("  " + hint)) }
    }

    /// Reads the lines that make up one answer: one line, a list, or a long text.
    private func collect(_ q: Question) throws(Failure) -> [String] {
        switch q.type {
        case .list:
            var items: [String] = []
            while true {
                guard let line = try readAnswerLine(prompt: "  - ", help: q) else { continue }
                if line.trimmingCharacters.isEmpty { return items }
                items.append(line)
                reader.remember(line)
                if let max = q.max, items.count >= max {
                    console.line(console.style.dim("  That is \(max), the most this question takes."))
                    return items
                }
            }
        case .long:
            var lines: [String] = []
            while true {
                guard let line = try readAnswerLine(prompt: lines.isEmpty ? "> " : "  ", help: q) else { continue }
                if line.trimmingCharacters == "." { return lines }
                if lines.isEmpty && line.trimmingCharacters.isEmpty { return [] }
                lines.append(line)
            }
        default:
            while true {
                if let line = try readAnswerLine(prompt: "> ", help: q) { return [line] }
            }
        }
    }

    static let commands = [":help", ":quit"]

    /// Reads one line and handles what is not an answer: commands, Ctrl-C, bad bytes, the end
    /// of input. Returns nil when the caller should simply read again.
    private func readAnswerLine(prompt: String, help: Question?) throws(Failure) -> String? {
        switch reader.readLine(prompt: prompt) {
        case .line(let raw):
            let line = TextSanitizer.clean(raw)
            switch line.trimmingCharacters.lowercased() {
            case ":help", ":h", ":?":
                showHelp(help)
                return nil
            case ":quit", ":q", ":exit":
                try confirmStop()
                return nil
            default:
                return line
            }
        case .end:
            throw .inputEnded(question: currentName)
        case .interrupted:
            console.line()
            try confirmStop()
            return nil
        case .invalidEncoding:
            console.line(
                console.style.warn(
                    "  ! That line had bytes that are not UTF-8 text, so it was not used. Please type it again."))
            return nil
        case .tooLong:
            console.line(console.style.warn("  ! That line is too long to take. Please shorten it."))
            return nil
        }
    }

    private var currentName: String {
        session.current.map(name(of:)) ?? session.flow.id
    }

    private func showHelp(_ q: Question?) {
        if let help = q?.help {
            console.line(Self.paragraphs(help, indent: "  "))
        } else {
            console.line("  There is no extra guidance for this question.")
        }
        if let q, !q.required {
            console.line(console.style.dim("  This one is optional: press Enter to pass over it."))
        }
        console.line(console.style.dim("  Commands: :help shows this; :quit stops (nothing is saved yet)."))
    }

    private func confirmStop() throws(Failure) {
        console.line(
            console.style.bold("Stop now? Your answers have not been saved.") + " " + console.style.dim("[y/N]"))
        switch reader.readLine(prompt: "> ") {
        case .line(let answer) where ["y", "yes"].contains(answer.trimmingCharacters.lowercased()):
            throw .stoppedByPerson
        case .interrupted, .end:
            throw .stoppedByPerson
        default:
            console.line(console.style.dim("  Carrying on."))
        }
    }

    /// Flow text with its line breaks kept, each line indented.
    static func paragraphs(_ text: String, indent: String = "") -> String {
        text.trimmingCharacters.split(separator: "\n", omittingEmptySubsequences: false)
            .map { indent + $0 }.joined(separator: "\n")
    }
}

extension String {
    /// Without leading and trailing white space and newlines.
    var trimmingCharacters: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
