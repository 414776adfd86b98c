import GoalPlanCore
import LineEditing

/// What the safety pause needs: the settings, where the person is, the safety-plan flow, and
/// whether a person is at a terminal to ask.
struct SafetyDesk {
    let settings: SafetySettings
    /// The region whose crisis lines to show; nil shows them all.
    let region: String?
    /// The flow offered from the pause; nil when it cannot be found.
    let safetyPlanFlow: () -> Flow?
    /// Whether a person answers at a terminal. Without one, the pause writes to standard
    /// error and never reads (so a piped or scripted answer is never taken as a choice).
    let interactive: Bool
    /// Standard error, for a pause with no one to ask.
    let errors: Console

    /// The lines to show for these kinds of crisis (every kind when nil).
    func lines(for categories: [SafetyCategory]?) -> [SafetySettings.Resource] {
        settings.resources(for: region, categories: categories)
    }

    /// The lines written as a person reads them, one a line.
    func describe(_ resources: [SafetySettings.Resource], style: Style) -> [String] {
        let many = Set(resources.map(\.place)).count > 1
        return resources.map { r in
            "  • " + (many || region == nil ? "\(r.place): " : "") + style.bold(r.name) + ", \(r.contact)"
        }
    }
}

/// A piece of work handed to a new thread.
private final class BackgroundWork {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Runs `work` on a thread of its own, to make something ready before it is needed.
func inBackground(_ work: @escaping @Sendable () -> Void) {
    typealias Work = BackgroundWork
    let box = Unmanaged.passRetained(Work(work)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
        &thread, nil,
        { raw in
            guard let raw else { return nil }
            Unmanaged<BackgroundWork>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, box)
    if started == 0 {
        pthread_detach(thread)
    } else {
        Unmanaged<Work>.fromOpaque(box).takeRetainedValue().run()
    }
}

/// What a person chose at the pause.
enum PauseChoice: CaseIterable, Equatable {
    case carryOn, notWhatIMeant, showLines, safetyPlan, stop

    var label: String {
        switch self {
        case .carryOn: tr("Carry on with the questions")
        case .notWhatIMeant: tr("That is not what I meant (carry on, nothing is noted)")
        case .showLines: tr("Show me who I can talk to")
        case .safetyPlan: tr("Make or update my safety plan")
        case .stop: tr("Stop for now")
        }
    }

    /// Words that point to each choice: whole words, or word starts where they end in `*`.
    /// "Not what I meant" is looked for first, as its words can contain the others'. English
    /// and Spanish words are both understood, whatever the language shown.
    static let keywords: [(PauseChoice, [String])] = [
        (
            .notWhatIMeant,
            [
                "not what", "didn't mean", "did not mean", "dont mean", "don't mean", "do not mean", "misunderst*",
                "misread", "mistake*", "wrong", "joking", "kidding", "just an expression", "figure of speech",
                "not serious", "exaggerat*", "i'm fine", "im fine", "i am fine", "no es lo que", "no quise decir",
                "no quería decir", "equivoc*", "malentend*", "broma*", "exager*", "estoy bien",
            ]
        ),
        (
            .stop,
            [
                "stop*", "quit", "exit", "leave", "later", "bye", "finish*", "no more", "parar", "detener*", "salir",
                "terminar", "no quiero seguir", "no quiero continuar", "basta", "después", "luego", "adiós",
            ]
        ),
        (.safetyPlan, ["safety plan", "plan", "make", "update", "plan de seguridad", "hacer", "actualizar"]),
        (
            .showLines,
            [
                "talk", "who", "show", "line*", "number*", "call", "someone", "crisis", "phone", "text", "help",
                "hablar", "quién", "quien", "muestra*", "mostrar", "línea*", "linea*", "número*", "numero*",
                "llamar", "alguien", "teléfono", "telefono", "ayuda",
            ]
        ),
        (
            .carryOn,
            [
                "carry", "continue", "go on", "keep going", "next", "ok", "okay", "yes", "proceed", "seguir", "sigue",
                "sigamos", "continuar", "continúa", "continua", "adelante", "sí",
            ]
        ),
    ]

    /// The choice a person's words point to among `offered`, or nil when they are unclear.
    static func parse(_ text: String, offered: [PauseChoice]) -> PauseChoice? {
        let typed = text.trimmingSpaces.lowercased()
        if let n = Int(typed) { return offered.indices.contains(n - 1) ? offered[n - 1] : nil }
        let words = typed.split(whereSeparator: { !$0.isLetter && $0 != "'" }).map(String.init)
        guard !words.isEmpty else { return nil }
        let padded = " " + words.joined(separator: " ") + " "
        func says(_ key: String) -> Bool {
            if key.hasSuffix("*") { return words.contains { $0.hasPrefix(String(key.dropLast())) } }
            return padded.contains(" " + key + " ")
        }
        for (choice, keys) in keywords where offered.contains(choice) {
            if keys.contains(where: says) { return choice }
        }
        return nil
    }
}

extension Interview {
    // MARK: The screen

    /// Looks at a free-text answer and pauses, or checks in gently, when it speaks of a
    /// crisis. Answers that fill a safety plan are not screened (a warning sign may well name
    /// the feelings), nor a clinician's own answers in a facilitated session.
    func screen(_ lines: [String], of q: Question) throws(Failure) {
        // A measure's safety item (the PHQ-9's ninth) scored above its threshold pauses as
        // thoughts of self-harm would, whatever the words.
        if let above = q.safetyAbove, safety != nil {
            if case .accepted(let value) = AnswerParser.parse(lines, for: q, today: session.today),
                let score = q.score(of: value), score > above
            {
                try pause(for: [.suicide], saying: Self.safetyItemWords)
            }
            return
        }
        guard let safety, [.text, .long, .list].contains(q.type) else { return }
        if let field = q.into, SafetyPlan().items(for: field) != nil { return }
        if session.mode == .facilitated && q.mode == .facilitated { return }
        let found = safety.settings.screen.assess(lines.joined(separator: "\n"))
        if !found.pauses.isEmpty {
            try pause(for: found.pauses)
        } else if !found.checkIns.isEmpty {
            let out = safety.interactive ? console : safety.errors
            out.line(out.style.dim(Self.paragraphs(safety.settings.checkIn, indent: "  ")))
        }
    }

    /// The pause: says plainly why, shows who to talk to, and lets the person choose.
    private func pause(for categories: [SafetyCategory], saying said: String? = nil) throws(Failure) {
        guard let safety, let top = categories.first else { return }
        let message = said ?? safety.settings.pauses[top] ?? ""
        let lines = safety.describe(safety.lines(for: categories), style: console.style)
        guard safety.interactive else {
            // No one to ask: say it where a person watching will see it, and carry on.
            let out = safety.errors
            out.line()
            out.line(tr("── A pause ──"))
            out.line(Self.paragraphs(message))
            out.line(tr("You can talk to someone right now:"))
            safety.describe(safety.lines(for: categories), style: out.style).forEach { out.line($0) }
            out.line(tr("The answer is kept, and the questions carry on."))
            record(categories, .notAsked)
            return
        }
        console.line()
        console.line(console.style.accent(tr("── A pause ──")))
        console.line(Self.paragraphs(message))
        console.line(tr("You can talk to someone right now:"))
        lines.forEach { console.line($0) }
        let offered = PauseChoice.allCases.filter { $0 != .safetyPlan || canOfferSafetyPlan }
        var sawLines = false
        while true {
            console.line()
            console.line(
                console.style.bold(tr("What would you like to do now?")) + " "
                    + console.style.dim(tr("Take your time.")))
            for (i, choice) in offered.enumerated() { console.choice("\(i + 1). \(choice.label)") }
            reader.setCompletions([])
            stoppingAfterPause = true
            defer { stoppingAfterPause = false }
            let input: Input
            do {
                input = try readInput(prompt: "> ")
            } catch {
                if case .inputEnded = error { throw .stoppedAfterPause }
                throw error
            }
            switch input {
            case .command(.back):
                // Back to the answer, to say it another way: nothing is noted.
                _ = session.back()
                return
            case .command(.crisis):
                showCrisisLines()
                sawLines = true
                continue
            case .command(.quit):
                record(categories, .stopped)
                saveIfChanged()
                throw .stoppedAfterPause
            case .command:
                console.line(
                    console.style.dim("  " + tr("Please choose one of these first, by number or in a few words.")))
                continue
            case .lines(let typed), .items(let typed):
                guard let choice = PauseChoice.parse(typed.first ?? "", offered: offered) else {
                    console.line(
                        console.style.dim(
                            "  "
                                + tr(
                                    "Please type a number from 1 to \(offered.count), or a few words such as \"carry on\"."
                                )
                        ))
                    continue
                }
                switch choice {
                case .carryOn:
                    record(categories, sawLines ? .sawLines : .carriedOn)
                    console.line(
                        console.style.dim(
                            "  " + tr("Carrying on. Type :crisis at any question to see these lines again.")))
                    return
                case .notWhatIMeant:
                    console.line(
                        console.style.dim(
                            "  " + tr("Thank you for saying so. Carrying on, and nothing about this is noted.")))
                    return
                case .showLines:
                    showCrisisLines()
                    sawLines = true
                case .safetyPlan:
                    try makeSafetyPlan()
                    record(categories, .safetyPlan)
                    console.line()
                    console.line(
                        console.style.dim(
                            tr("Thank you. Your safety plan is kept with your answers. Back to where you were.")))
                    lastContext = []
                    lastSection = nil
                    return
                case .stop:
                    record(categories, .stopped)
                    saveIfChanged()
                    throw .stoppedAfterPause
                }
            }
        }
    }

    /// Notes a check-in for the clinician, in a facilitated run only: the date, what the
    /// answer seemed to be about, and what was chosen, never the words.
    private func record(_ categories: [SafetyCategory], _ outcome: SafetyCheckIn.Outcome) {
        guard session.mode == .facilitated else { return }
        checkIns.append(SafetyCheckIn(date: session.today, categories: categories, outcome: outcome))
        saveIfChanged()
    }

    /// Whether the pause can offer a safety plan: there is a safety-plan flow, and this run is
    /// not making one already.
    var canOfferSafetyPlan: Bool {
        guard !isNested, safety?.safetyPlanFlow() != nil else { return false }
        return !session.flow.writesSafetyPlan
    }

    // MARK: Crisis lines

    /// What the pause says after a measure's safety item: about the answer chosen, not words.
    static var safetyItemWords: String {
        tr(
            """
            Your answer says you have had thoughts of being better off dead, or of hurting yourself.
            Thank you for saying so. It matters, and you do not have to carry it alone.
            """)
    }

    /// Who the person can talk to, at any prompt (`:crisis`).
    func showCrisisLines() {
        guard let safety else {
            console.line("  " + tr("If you are in danger, please call your local emergency number."))
            return
        }
        console.line()
        console.line(console.style.accent(tr("── Who you can talk to ──")))
        safety.describe(safety.lines(for: nil), style: console.style).forEach { console.line($0) }
        console.line(
            console.style.dim(
                "  " + tr("goalplan is not a crisis service. If you are in danger, call your emergency number now.")))
        if safety.region == nil {
            console.line(
                console.style.dim(
                    "  " + tr("(goalplan --region GB, or US, AU..., shows only the lines for where you are.)")))
        }
    }

    /// The region's general lines, under the safety plan's question about professionals.
    func showLinesForSafetyPlan() {
        guard let safety else { return }
        console.line(console.style.dim("  " + tr("Lines you could add:")))
        safety.describe(safety.lines(for: nil).filter { $0.categories.isEmpty }, style: console.style)
            .forEach { console.line(console.style.dim($0)) }
    }

    // MARK: The safety plan

    /// Runs the safety-plan flow now, starting from the safety plan as it stands (made earlier
    /// in this run, or in the plan being updated), with each section ready to keep or edit.
    /// What is passed over stays as it was; every answer is kept in the draft straight away.
    func makeSafetyPlan() throws(Failure) {
        guard let safety, let flow = safety.safetyPlanFlow() else {
            console.line(console.style.warn("  ! " + tr("The safety plan questions could not be found.")))
            return
        }
        let start = Plan(started: session.today, safetyPlan: safetyPlan ?? session.base?.safetyPlan)
        let inner = Interview(
            session: Session(flow: flow, today: session.today, mode: session.mode, base: start), reader: reader,
            console: console, safety: safety)
        inner.isNested = true
        inner.editor = editor
        inner.keepsDraft = keepsDraft
        inner.onChange = { [weak self] change in
            guard let self else { return }
            self.safetyPlan = Self.safetyPlan(from: change.state.answers, flow: flow, start: start)
            self.saveIfChanged()
        }
        console.line()
        let answers = try inner.run()
        safetyPlan = Self.safetyPlan(from: answers, flow: flow, start: start)
        saveIfChanged()
    }

    static func safetyPlan(from answers: Answers, flow: Flow, start: Plan) -> SafetyPlan {
        PlanBuilder.build(flow: flow, answers: answers, started: start.started, base: start).safetyPlan ?? SafetyPlan()
    }

    /// Lists the safety plan made or updated in this run, for the last review. Returns whether
    /// the person can change it from there.
    func showSafetyPlanForReview() -> Bool {
        guard !isNested, let plan = safetyPlan else { return false }
        console.line()
        console.line(console.style.bold(tr("Your safety plan")))
        let sections = PlanHeadings.safetySections(plan).filter { !$0.1.isEmpty }
        if sections.isEmpty { console.line(console.style.dim("      " + tr("(nothing written yet)"))) }
        for (title, items) in sections {
            console.line("   \(title)")
            console.line(console.style.dim("      \(items.joined(separator: "; ").oneLine)"))
        }
        return canOfferSafetyPlan
    }
}

extension Flow {
    /// Whether any of the flow's questions fill a safety plan (as the safety-plan flow does).
    var writesSafetyPlan: Bool {
        func walk(_ items: [FlowItem]) -> Bool {
            items.contains { item in
                switch item {
                case .question(let q): q.into.map { SafetyPlan().items(for: $0) != nil } ?? false
                case .section(let s): walk(s.items)
                case .group(let g): walk(g.items)
                }
            }
        }
        return walk(items)
    }
}
