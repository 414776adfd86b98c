import GoalPlanCore
import LineEditing

/// What a run has gathered that a draft must keep: the answers, a safety plan made or updated
/// on the way, and safety check-ins for the clinician.
struct RunState: Equatable {
    var answers: Answers
    var safetyPlan: SafetyPlan?
    var checkIns: [SafetyCheckIn]
}

/// What changed since the last save: one answer given in order (a draft adds just that), or
/// anything else (the whole state is saved).
enum RunChange {
    case added(AnswerPath, AnswerValue, RunState)
    case whole(RunState)

    var state: RunState {
        switch self {
        case .added(_, _, let state), .whole(let state): state
        }
    }
}

/// The REPL: joins a `LineReader` to a `Session`, one step at a time, and does the printing.
final class Interview {
    let reader: LineReader
    let console: Console
    var session: Session
    private let scripted: ScriptedAnswers?
    private let scriptedPath: String?
    /// Whether there is a person to ask when the answers file is silent.
    private let canAsk: Bool
    private var introduced = false
    var lastContext: [RoundContext] = []
    var lastSection: String?
    /// What to say and offer about safety; nil turns the screen and :crisis off.
    let safety: SafetyDesk?
    /// A safety plan made or updated in this run, as it now stands (the plan read back, with
    /// the changes); nil while untouched.
    var safetyPlan: SafetyPlan?
    /// Safety check-ins in a facilitated run, for the clinician's part of the plan.
    var checkIns: [SafetyCheckIn] = []
    /// Called with what changed whenever the run's state changes, to save a draft.
    var onChange: ((RunChange) -> Void)?
    /// Whether answers are being kept in a draft (for what the stop question says).
    var keepsDraft = false
    /// Work to do while the person reads the first question (making the crisis screen): run
    /// once, when the flow is first shown, so it does not slow the way to the first prompt.
    var whileReading: (() -> Void)?
    /// The person's own text editor, for answers in words (`:edit`, Ctrl-X Ctrl-E); none when
    /// no one is at a terminal.
    var editor: ExternalEditor?
    /// Whether this run sits inside another (a safety plan made from a pause).
    var isNested = false
    /// Whether a stop now comes right after a safety pause, and so is said kindly.
    var stoppingAfterPause = false
    private var savedRevision = -1
    private var savedSafetyPlan: SafetyPlan?
    private var savedCheckIns: [SafetyCheckIn] = []

    init(
        session: Session, reader: LineReader, console: Console, scripted: ScriptedAnswers? = nil,
        scriptedPath: String? = nil, canAsk: Bool = true, safety: SafetyDesk? = nil,
        safetyPlan: SafetyPlan? = nil, checkIns: [SafetyCheckIn] = []
    ) {
        self.session = session
        self.reader = reader
        self.console = console
        self.scripted = scripted
        self.scriptedPath = scriptedPath
        self.canAsk = canAsk
        self.safety = safety
        self.safetyPlan = safetyPlan
        self.checkIns = checkIns
    }

    /// Everything a draft keeps.
    var state: RunState {
        RunState(answers: session.answers, safetyPlan: safetyPlan, checkIns: checkIns)
    }

    /// Runs the flow to its end, then (when a person took part) a last review, and returns
    /// the answers.
    func run() throws(Failure) -> Answers {
        while true {
            while let step = session.current {
                if step.isAnswered == false, let lines = scripted?.input(for: step) {
                    // Words shown on the way (a score, feedback) are shown with answers from a file too.
                    if case .question(let q) = step, q.question.type == .display {
                        console.line()
                        console.line(Self.paragraphs(q.question.ask))
                    }
                    if case .invalid(let reason) = session.submit(lines) {
                        throw .scriptedAnswerInvalid(
                            path: scriptedPath ?? "answers", question: name(of: step), reason: reason)
                    }
                    // Answers from a file are in that file already: the draft is written when
                    // a person first answers, or a safety plan is made, or the flow ends.
                    if case .question(let q) = step { try screen(lines, of: q.question) }
                    if safetyPlan != savedSafetyPlan || checkIns != savedCheckIns { saveIfChanged() }
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
                saveIfChanged()
            }
            saveIfChanged()
            guard introduced, try reviewAnswers(final: true) else { return session.answers }
        }
    }

    func saveIfChanged() {
        guard let onChange else { return }
        let sameExtras = savedRevision >= 0 && safetyPlan == savedSafetyPlan && checkIns == savedCheckIns
        if sameExtras && session.revision == savedRevision { return }
        if sameExtras, session.revision == savedRevision + 1, let added = session.lastAddedInOrder {
            onChange(.added(added.path, added.value, state))
        } else {
            onChange(.whole(state))
        }
        savedRevision = session.revision
        savedSafetyPlan = safetyPlan
        savedCheckIns = checkIns
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
        defer {
            whileReading?()
            whileReading = nil
        }
        let flow = session.flow
        console.line(console.style.bold(flow.title))
        if let intro = flow.intro {
            console.line()
            console.line(Self.paragraphs(intro))
        }
        if session.mode == .self, !isNested, let notice = safety?.settings.notice {
            console.line()
            console.line(Self.paragraphs(notice))
        }
        console.line()
        console.line(
            console.style.dim(
                safety != nil
                    ? tr("One question at a time. :help guides you, :back goes back, :crisis shows help now.")
                    : tr("Answer one question at a time. Type :help at any prompt for guidance, :back to go back."))
        )
    }

    // MARK: Asking

    /// What a person typed: lines of an answer, or a command.
    enum Input {
        case lines([String])
        /// The whole of a list as edited: kept, taken out and added items.
        case items([String])
        case command(Command)
    }

    enum Command: Equatable {
        case back, skip, review, help, quit, crisis
        /// Write the answer in the person's own editor, starting from this text.
        case edit(String)
    }

    private func ask(_ step: QuestionStep) throws(Failure) {
        showPlace(of: .question(step))
        let q = step.question
        if q.type == .display {
            // Words on the way (a score, feedback, a closing word): shown, nothing asked.
            console.line()
            console.line(Self.paragraphs(q.ask))
            session.submit([])
            return
        }
        let progress = session.progress(of: step)
        var position =
            progress.part.map { tr("\($0) · \(progress.number) of \(progress.total)") }
            ?? tr("Question \(progress.number) of \(progress.total)")
        // A round inside the part (an obstacle of a goal) is named too.
        if let round = step.context.dropFirst().compactMap(\.label).last { position += " · \(round)" }
        if !q.required && q.defaultValue == nil { position += tr(" · optional, Enter to pass") }
        console.line()
        console.line(console.style.dim(position))
        showQuestion(q)
        if session.mode == .facilitated, let note = q.note {
            console.line(
                console.style.accent(tr("  For the therapist: ")) + console.style.dim(note.trimmingSpaces.oneLine))
        }
        if q.into == .safetyProfessionals { showLinesForSafetyPlan() }
        var kept: [String]?
        if q.type == .list, case .items(let items)? = step.previous ?? step.suggested, !items.isEmpty {
            kept = items
            let source = step.previous == nil ? tr("Already in your safety plan:") : tr("Your earlier answer:")
            console.line(console.style.dim("  " + source))
            for (i, item) in items.enumerated() { console.line(console.style.dim("    \(i + 1). \(item.oneLine)")) }
            console.line(
                console.style.dim(
                    tr("  Enter keeps them. Type 2 to change item 2, -2 to take it out, or a new line to add one.")))
        }
        let earlier = q.type == .list ? nil : step.previous.map { $0.display(for: q, asTyped: true) }
        if let earlier, q.type == .long || !reader.canPrefill {
            console.line(
                console.style.dim(tr("  Your earlier answer: \(earlier.oneLine). Press Enter to keep it.")))
        }
        reader.setCompletions(
            q.type == .choice || q.type == .multi ? q.choices.map(\.label) + Self.commands : Self.commands)
        while true {
            if let earlier, q.type != .long { reader.prefill(earlier) }
            switch try collect(q, keeping: kept) {
            case .command(let command):
                if try navigate(command, help: q) { return }
            case .items(let items):
                switch session.submit(items: items) {
                case .accepted, .finished:
                    saveIfChanged()
                    try screen(items, of: q)
                    return
                case .invalid(let reason):
                    refuse(reason, of: q)
                }
            case .lines(let lines):
                switch session.submit(lines) {
                case .accepted, .finished:
                    if lines.count == 1, let only = lines.first, !only.isEmpty { reader.remember(only) }
                    saveIfChanged()
                    try screen(lines, of: q)
                    return
                case .invalid(let reason):
                    refuse(reason, of: q)
                }
            }
        }
    }

    /// Says why an answer was not taken. The core gives the reason; pointing to `:help` is
    /// for the prompt to add, when the question has guidance to give.
    private func refuse(_ reason: String, of q: Question) {
        console.line(console.style.warn(q.help != nil ? tr("  ! \(reason) Type :help for guidance.") : "  ! \(reason)"))
    }

    private func askAnother(_ step: AnotherStep) throws(Failure) {
        showPlace(of: .another(step))
        console.line()
        console.line(console.style.bold(step.ask) + " " + console.style.dim(tr("[y/N]")))
        reader.setCompletions([tr("yes", context: "completion"), tr("no", context: "completion")] + Self.commands)
        while true {
            if let previous = step.previous { reader.prefill(previous ? "y" : "n") }
            switch try readInput(prompt: "> ") {
            case .command(let command):
                if try navigate(command, help: nil) { return }
            case .lines(let lines), .items(let lines):
                if case .invalid(let reason) = session.submit(lines) {
                    console.line(console.style.warn("  ! \(reason)"))
                    continue
                }
                return
            }
        }
    }

    /// Carries out a command. Returns true when the step changed, so the caller stops asking.
    func navigate(_ command: Command, help: Question?) throws(Failure) -> Bool {
        switch command {
        case .help:
            showHelp(help)
            return false
        case .quit:
            try confirmStop()
            return false
        case .back:
            if session.back() { return true }
            console.line(console.style.dim(tr("  This is the first question.")))
            return false
        case .skip:
            if case .invalid(let reason) = session.skip() {
                console.line(console.style.warn("  ! \(reason)"))
                return false
            }
            return true
        case .review:
            if try reviewAnswers(final: false) { return true }
            // Back where they were: the question again, so the prompt is not left bare.
            if let help {
                console.line()
                showQuestion(help)
            }
            return false
        case .crisis:
            showCrisisLines()
            return false
        case .edit:
            console.line(
                console.style.dim(tr("  Your editor is for answers in words. Here, type the answer at the prompt.")))
            return false
        }
    }

    /// The answer written in the person's editor, starting from `seed`; nil (and a word on
    /// why) when nothing came back, so the question is asked again.
    private func fromEditor(_ seed: [String]) -> [String]? {
        guard let editor else {
            console.line(console.style.dim(tr("  Your editor can be used only at a terminal.")))
            return nil
        }
        console.line(console.style.dim(tr("  Opening your editor. Save and close it to come back here.")))
        switch editor.edit(seed.joined(separator: "\n")) {
        case .text(let lines) where lines.isEmpty:
            console.line(console.style.dim(tr("  Nothing was written there, so the question is still open.")))
            return nil
        case .text(let lines):
            console.line(console.style.dim(tr("  From your editor:")))
            for line in lines { console.line("    " + line) }
            return lines
        case .nothing(let why):
            console.line(console.style.warn("  ! \(why)"))
            return nil
        }
    }

    /// Headings for an included flow or a new round of a group, when the step enters one.
    private func showPlace(of step: Step) {
        if let section = step.section, section.flowID != lastSection {
            console.line()
            console.line(console.style.accent("━━ \(section.title) ━━"))
            if let intro = section.intro { console.line(Self.paragraphs(intro)) }
        }
        lastSection = step.section?.flowID
        let context = step.context
        defer { lastContext = context }
        guard context != lastContext, let round = context.last, lastContext.last != round else { return }
        guard let heading = round.heading else { return }
        console.line()
        console.line(console.style.accent("── \(heading) ──"))
        if round.index == 0 || round.walks, let intro = round.intro {
            console.line(Self.paragraphs(intro))
        }
    }

    /// A default as the person would type it, in their language: a choice's number as the
    /// list below shows it, a date as a date, yes or no in their words.
    private func shown(default value: String, of q: Question) -> String {
        let ids = value.split(separator: ",").map { String($0).trimmingSpaces }
        switch q.type {
        case .choice, .multi:
            // The number the list shows: a choice's own (a value, or a label such as "2 ...") when
            // every choice has one, else its place.
            let signed = q.choices.contains { ($0.number ?? 0) < 0 }
            let numbers = ids.compactMap { id -> String? in
                guard let i = q.choices.firstIndex(where: { $0.id == id }) else { return nil }
                guard q.choices.allNumbered, let n = q.choices[i].number else { return String(i + 1) }
                return signed && n > 0 ? "+\(n)" : String(n)
            }
            return numbers.count == ids.count ? numbers.joined(separator: ", ") : value
        case .date:
            return AnswerParser.parseDate(value, today: session.today)?.longForm ?? value
        case .yesno:
            return YesNo.parse(value).map(YesNo.typed) ?? value
        default:
            return value
        }
    }

    private func showQuestion(_ q: Question) {
        var heading = console.style.bold(q.ask.trimmingSpaces)
        // A question only the therapist answers says so, so the client is not left wondering.
        if q.mode == .facilitated { heading = console.style.accent(tr("For the therapist: ")) + heading }
        if let value = q.defaultValue { heading += " " + console.style.dim("[\(shown(default: value, of: q))]") }
        console.line(heading)
        let hint: String?
        switch q.type {
        case .text, .computed, .display:
            hint = nil
        case .yesno:
            hint = tr("Type y or n.")
        case .long:
            hint =
                editor != nil
                ? tr(
                    "Write as many lines as you like. A line with only a period (.) finishes. :edit opens your own editor."
                )
                : tr("Write as many lines as you like. A line with only a period (.) finishes.")
        case .list:
            hint =
                q.max.map { tr("One a line (up to \($0)). Press Enter on an empty line when you are done.") }
                ?? tr("One a line. Press Enter on an empty line when you are done.")
        case .choice, .multi:
            for (i, choice) in q.choices.enumerated() {
                console.choice(
                    Self.choiceLine(
                        choice, place: i + 1, numbered: q.choices.allNumbered,
                        signed: q.choices.contains { ($0.number ?? 0) < 0 }))
            }
            hint =
                q.type == .choice
                ? (q.choices.allNumbered
                    ? tr("Type the number beside your answer, or the start of its words.")
                    : tr("Type a number or the start of a name."))
                : tr("Type numbers or names, separated by commas.")
        case .scale:
            let b = q.scaleBounds
            if q.minLabel == nil && q.maxLabel == nil {
                hint = tr("A whole number from \(b.lowerBound) to \(b.upperBound).")
            } else {
                let low = q.minLabel.map { "\(b.lowerBound) = \($0)" } ?? "\(b.lowerBound)"
                let high = q.maxLabel.map { "\(b.upperBound) = \($0)" } ?? "\(b.upperBound)"
                hint = tr("A whole number: \(low) · \(high)")
            }
        case .date:
            hint = tr("A date like \(session.today.adding(days: 14).iso), or words like \"in 2 weeks\".")
        }
        if let hint { console.line(console.style.dim("  " + hint)) }
    }

    /// Reads what makes up one answer: one line, a list, or a long text; or a command. A list
    /// with items `keeping` starts from them: Enter keeps them, new lines add, `-N` takes item
    /// N out.
    private func collect(_ q: Question, keeping: [String]? = nil) throws(Failure) -> Input {
        switch q.type {
        case .list:
            var earlier = keeping ?? []
            var items: [String] = []
            var edited = false
            while true {
                let input = try readInput(prompt: "  - ")
                if case .command(.edit(let typed)) = input {
                    // The whole list in the editor, one item a line.
                    let start = earlier + items + (typed.isEmpty ? [] : [typed])
                    guard let lines = fromEditor(start) else { continue }
                    let written = lines.filter { !$0.trimmingSpaces.isEmpty }
                    return keeping == nil ? .lines(written) : .items(written)
                }
                guard case .lines(let lines) = input else {
                    if case .command(let c) = input, (items.isEmpty && !edited) || c == .back { return input }
                    if case .command(let c) = input { _ = try navigate(c, help: q) }
                    continue
                }
                let line = (lines.first ?? "").trimmingSpaces
                if line.isEmpty {
                    if keeping == nil { return .lines(items) }
                    return edited || !items.isEmpty ? .items(earlier + items) : .lines([])
                }
                if keeping != nil, let n = Int(line), n > 0 {
                    // A number: that item to change, on the line ready to edit (or typed again
                    // where lines cannot be edited); nothing left on the line takes it out.
                    guard earlier.indices.contains(n - 1) else {
                        console.line(console.style.warn(tr("  ! There is no item \(n) to change.")))
                        continue
                    }
                    if reader.canPrefill { reader.prefill(earlier[n - 1]) }
                    guard case .lines(let got) = try readInput(prompt: "  \(n). ") else { continue }
                    let changed = (got.first ?? "").trimmingSpaces
                    if changed.isEmpty {
                        console.line(console.style.dim(tr("  Taken out: \(earlier[n - 1].oneLine)")))
                        earlier.remove(at: n - 1)
                    } else {
                        earlier[n - 1] = got.first ?? changed
                        reader.remember(changed)
                    }
                    edited = true
                    continue
                }
                if keeping != nil, line.hasPrefix("-"), let n = Int(String(line.dropFirst()).trimmingSpaces) {
                    guard earlier.indices.contains(n - 1) else {
                        console.line(console.style.warn(tr("  ! There is no item \(n) to take out.")))
                        continue
                    }
                    console.line(console.style.dim(tr("  Taken out: \(earlier[n - 1].oneLine)")))
                    earlier.remove(at: n - 1)
                    edited = true
                    continue
                }
                items.append(lines.first ?? "")
                reader.remember(line)
                if let max = q.max, earlier.count + items.count >= max {
                    console.line(console.style.dim(tr("  That is \(max), the most this question takes.")))
                    if reader.discardTypedAhead() {
                        console.line(console.style.warn(tr("  ! The rest of what was pasted was not used.")))
                    }
                    return keeping == nil ? .lines(items) : .items(earlier + items)
                }
            }
        case .long:
            var lines: [String] = []
            while true {
                let input = try readInput(prompt: lines.isEmpty ? "> " : "  ")
                if case .command(.edit(let typed)) = input {
                    guard let written = fromEditor(lines + (typed.isEmpty ? [] : [typed])) else { continue }
                    return .lines(written)
                }
                guard case .lines(let got) = input else {
                    if lines.isEmpty { return input }
                    if case .command(let c) = input { _ = try navigate(c, help: q) }
                    continue
                }
                let line = got.first ?? ""
                if line.trimmingSpaces == "." { return .lines(lines) }
                if lines.isEmpty && line.trimmingSpaces.isEmpty { return .lines([]) }
                lines.append(line)
            }
        case .text:
            while true {
                let input = try readInput(prompt: "> ")
                guard case .command(.edit(let typed)) = input else { return input }
                // One line of text: the editor's lines are joined.
                if let written = fromEditor(typed.isEmpty ? [] : [typed]) {
                    return .lines([written.map(\.trimmingSpaces).joined(separator: " ")])
                }
            }
        default:
            return try readInput(prompt: "> ")
        }
    }

    /// The commands Tab completes at a prompt, in the person's language (English or Spanish
    /// are taken either way).
    static var commands: [String] {
        [
            tr(":back", context: "command"), tr(":crisis", context: "command"), tr(":edit", context: "command"),
            tr(":help", context: "command"), tr(":quit", context: "command"), tr(":review", context: "command"),
            tr(":skip", context: "command"),
        ].sorted()
    }

    /// The command a line names, in English or Spanish (`:edit`, which takes text, aside).
    static func command(_ line: String) -> Command? {
        switch AnswerParser.folded(line.trimmingSpaces) {
        case ":help", ":h", ":?", ":ayuda": .help
        case ":quit", ":q", ":exit", ":salir": .quit
        case ":back", ":b", ":atras": .back
        case ":skip", ":s", ":saltar": .skip
        case ":review", ":r", ":revisar": .review
        case ":crisis", ":sos", ":ayuda-ya": .crisis
        default: nil
        }
    }

    /// Reads one line: an answer line or a command. Ctrl-C asks whether to stop; bad bytes and
    /// over-long lines are refused; the end of input stops the run.
    func readInput(prompt: String) throws(Failure) -> Input {
        while true {
            switch reader.readLine(prompt: prompt) {
            case .line(let raw):
                let line = TextSanitizer.clean(raw)
                let word = line.trimmingSpaces
                for name in [":edit", ":editar"]
                where word.lowercased() == name || word.lowercased().hasPrefix(name + " ") {
                    return .command(.edit(String(word.dropFirst(name.count)).trimmingSpaces))
                }
                // Each command in English, and in Spanish for a person who thinks in it.
                return Self.command(line).map(Input.command) ?? .lines([line])
            case .end:
                throw .inputEnded(question: currentName)
            case .interrupted:
                console.line()
                try confirmStop()
            case .invalidEncoding:
                console.line(
                    console.style.warn(
                        tr("  ! That line had bytes that are not UTF-8 text, so it was not used. Please type it again.")
                    ))
            case .tooLong:
                console.line(console.style.warn(tr("  ! That line is too long to take. Please shorten it.")))
            }
        }
    }

    private var currentName: String {
        session.current.map(name(of:)) ?? session.flow.id
    }

    private func showHelp(_ q: Question?) {
        if let help = q?.help {
            console.line(Self.paragraphs(help, indent: "  "))
        } else if q != nil {
            console.line(tr("  There is no extra guidance for this question."))
        }
        if let q, !q.required {
            console.line(console.style.dim(tr("  This one is optional: press Enter to pass over it.")))
        }
        console.line(
            console.style.dim(tr("  Commands: :back goes to the previous question · :skip passes over an optional one"))
        )
        if editor != nil, let q, [.text, .long, .list].contains(q.type) {
            console.line(
                console.style.dim(tr("            :edit (or Ctrl-X Ctrl-E) writes this answer in your own editor")))
        }
        console.line(
            console.style.dim(
                keepsDraft
                    ? tr("            :review shows your answers to change · :quit stops (a draft keeps your answers)")
                    : tr("            :review shows your answers to change · :quit stops (nothing is saved yet)")))
        if safety != nil {
            console.line(console.style.dim(tr("            :crisis shows who you can talk to, right now")))
        }
    }

    func confirmStop() throws(Failure) {
        let question =
            keepsDraft
            ? tr("Stop now? Your answers so far are kept in a draft.")
            : tr("Stop now? Your answers have not been saved.")
        console.line(console.style.bold(question) + " " + console.style.dim(tr("[y/N]")))
        switch reader.readLine(prompt: "> ") {
        case .line(let answer) where YesNo.parse(answer) == true:
            throw stoppingAfterPause ? .stoppedAfterPause : .stoppedByPerson
        case .interrupted, .end:
            throw stoppingAfterPause ? .stoppedAfterPause : .stoppedByPerson
        default:
            console.line(console.style.dim(tr("  Carrying on.")))
        }
    }

    // MARK: Review

    /// Lists every answer, numbered, and lets the person pick one to change. Returns true when
    /// they picked one (the session now stands on it).
    func reviewAnswers(final: Bool) throws(Failure) -> Bool {
        let items = session.review
        console.line()
        console.line(console.style.bold(final ? tr("Here is everything you said.") : tr("Your answers so far")))
        let width = String(items.count).count
        for (i, step) in items.enumerated() {
            let number = String(repeating: " ", count: width - String(i + 1).count) + "\(i + 1)"
            let place = step.context.compactMap(\.heading).map { "\($0) · " }.joined()
            let answer =
                step.previous.map { $0 == .skipped ? tr("(passed over)") : $0.display(for: step.question) } ?? ""
            console.line("  \(number). \(place)\(step.question.ask.trimmingSpaces)")
            console.line(console.style.dim("      \(answer.oneLine)"))
        }
        let canEditSafetyPlan = showSafetyPlanForReview()
        let choices =
            switch (final, isNested) {
            case (true, true): tr("Press Enter to keep your safety plan, or type a number to change that answer.")
            case (true, false): tr("Press Enter to save your plan, or type a number to change that answer.")
            case (false, _): tr("Type a number to change that answer, or press Enter to go back to where you were.")
            }
        console.line(console.style.dim(choices))
        if canEditSafetyPlan {
            console.line(console.style.dim(tr("Type s to change your safety plan.")))
        }
        reader.setCompletions(Self.commands)
        while true {
            let line: String
            switch reader.readLine(prompt: "> ") {
            case .line(let raw): line = TextSanitizer.clean(raw).trimmingSpaces
            case .end:
                if final { return false }
                throw .inputEnded(question: currentName)
            case .interrupted:
                console.line()
                try confirmStop()
                continue
            case .invalidEncoding, .tooLong:
                continue
            }
            if line.isEmpty { return false }
            // The commands that mean something here, in English or Spanish.
            let command = Self.command(line)
            if command == .quit {
                try confirmStop()
                continue
            }
            if command == .back, final, session.back() { return true }
            if command == .crisis {
                showCrisisLines()
                continue
            }
            if canEditSafetyPlan, ["s", ":s"].contains(line.lowercased()) {
                try makeSafetyPlan()
                return true
            }
            guard let n = Int(line), (1...max(items.count, 1)).contains(n), !items.isEmpty else {
                console.line(
                    console.style.warn(tr("  ! Please type a number from 1 to \(items.count), or press Enter.")))
                continue
            }
            session.jump(to: items[n - 1].path.key)
            return true
        }
    }

    /// A choice as listed: by its own number when every choice has one ("0. Not at all", or
    /// "2 More than half the days" when the label starts with it), else by its place.
    static func choiceLine(_ choice: Choice, place: Int, numbered: Bool, signed: Bool = false) -> String {
        guard numbered, let n = choice.number else { return "\(place). \(choice.label)" }
        let number = signed && n > 0 ? "+\(n)" : String(n)
        return choice.value != nil && Choice(id: "", label: choice.label).number != n
            ? "\(number). \(choice.label)" : choice.label
    }

    /// Flow text as paragraphs, each line indented: a paragraph's lines are joined, for the
    /// console to wrap at the terminal's width; blank lines and list items stay.
    static func paragraphs(_ text: String, indent: String = "") -> String {
        TerminalText.reflow(text.trimmingSpaces).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }
}

extension String {
    /// Newlines shown as " / " so an answer fits on one line.
    var oneLine: String {
        split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " / ")
    }
}
