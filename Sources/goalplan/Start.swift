import ArgumentParser
import GoalPlanCore
import LineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Start: GoalPlanCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Answer a flow's questions and write your goal plan.",
        discussion: """
            Asks one question at a time. Line editing works as in a shell: arrow keys, Ctrl-A \
            and Ctrl-E, Up for an earlier answer, Ctrl-R to search them (vi keys with \
            'bind -v' in ~/.editrc). At any prompt: :help for guidance, :back for the previous \
            question, :skip to pass over an optional one, :review to see and change your \
            answers, :quit to stop. Ctrl-C clears the line, or on an empty line asks to stop.

            The plan is written when the last question is answered, to --out or to \
            goal-plan-YYYY-MM-DD.md in this folder, readable only by you. An existing file is \
            never overwritten. With --plan, the flow adds to an existing plan instead (as \
            'goalplan revisit' does), keeping the earlier version beside it.

            With --answers, answers come from a YAML file (question id: answer; a list for \
            list and multi questions; a list of mappings for a repeating group). Questions the \
            file leaves out are asked, or skipped when there is no terminal.
            """
    )

    @Argument(help: "The flow to run (see 'goalplan flows').")
    var flow: String = "intake"

    @OptionGroup var run: RunOptions

    @Flag(help: "Print the flow as an outline to review on paper, and ask nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Add to this existing plan instead of starting a new one.", valueName: "plan.md"))
    var plan: String?

    func validate() throws { try run.validate() }

    func execute() throws(Failure) {
        if dryRun {
            say(1, FlowOutline.render(try run.lookup.catalog().flow(flow)))
            return
        }
        try run.execute(flowID: flow, updating: plan)
    }
}

struct Revisit: GoalPlanCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisit",
        abstract: "Look back at a plan's goals, rate them again, and update the plan.",
        discussion: """
            Reads PLAN.md (with any changes you made in an editor: ticked steps, new or \
            reworded steps), asks how each goal is going, and adds a row to each goal's \
            review table. The earlier version is kept beside it as \
            PLAN.before-YYYY-MM-DD.md, and PLAN.md is replaced as a whole.
            """
    )

    @Argument(help: ArgumentHelp("The plan to revisit.", valueName: "plan.md"), completion: .file(extensions: ["md"]))
    var plan: String

    @OptionGroup var run: RunOptions

    func validate() throws { try run.validate() }

    func execute() throws(Failure) {
        try run.execute(flowID: "revisit", updating: plan)
    }
}

/// What starting and revisiting share: where the plan goes, answers from a file, the date,
/// who is using it, and where flows are found.
struct RunOptions: ParsableArguments {
    @Option(
        name: .shortAndLong, help: ArgumentHelp("Where to write the plan.", valueName: "path"),
        completion: .file(extensions: ["md"]))
    var out: String?

    @Option(
        help: ArgumentHelp("A YAML file of answers to use instead of asking.", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var answers: String?

    @Option(help: ArgumentHelp("The date of this session, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Option(
        help: ArgumentHelp(
            "self: on your own (the default). facilitated: a therapist and client together, with notes for the therapist.",
            valueName: "mode"))
    var mode: ModeOption = .self

    enum ModeOption: String, ExpressibleByArgument, CaseIterable {
        case `self`, facilitated
        var flowMode: FlowMode { self == .facilitated ? .facilitated : .self }
    }

    @Flag(help: "Keep no draft: nothing is written but the finished plan.")
    var noSave = false

    @OptionGroup var where_: RegionOption

    @OptionGroup var lookup: FlowLookupOptions

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError("'\(date)' is not a date like 2026-11-27.")
        }
        try where_.validate()
    }

    func execute(
        flowID: String, updating planPath: String?, resuming resumed: (path: String, draft: Draft)? = nil
    ) throws(Failure) {
        umask(0o077)
        let environment = processEnvironment
        let catalog = try lookup.catalog()
        let flow = try catalog.flow(flowID)
        let safetySettings = try catalog.safetySettings()
        // Read only if a safety pause offers it.
        var safetyPlanFlow: Flow?? = nil
        let loadSafetyPlanFlow = { () -> Flow? in
            if let loaded = safetyPlanFlow { return loaded }
            safetyPlanFlow = .some(try? catalog.flow("safety-plan"))
            return safetyPlanFlow ?? nil
        }
        let today = date.flatMap(CalendarDate.init(iso:)) ?? localToday()

        var base: Plan?
        var original: [UInt8] = []
        // The file itself, through any symbolic link, so the link stays and its target is updated.
        let planFile = planPath.map { Files.resolved($0) ?? Files.absolute($0) }
        var lock: Files.PlanLock?
        defer { lock?.release() }
        if let planPath, let planFile {
            lock = try Files.lockPlan(planFile, shownAs: planPath)
            Files.removeStaleTemporaries(of: planFile)
            original = try Files.read(planFile, limit: Files.planLimit, whole: true)
            base = try readPlan(original, path: planPath, updating: true)
            if let expected = resumed?.draft.planOwner, let base, Draft.owner(of: base) != expected {
                throw .draftForAnotherPlan(path: planFile, expected: expected, found: Draft.owner(of: base))
            }
        }
        let target = try PlanTarget(explicit: out, today: today)

        var scripted: ScriptedAnswers?
        if let answers {
            switch ScriptedAnswers.read(try Files.read(answers), for: flow) {
            case .success(let file): scripted = file
            case .failure(let problems): throw .answersFileProblems(path: answers, problems: problems.items)
            }
        }

        let console = Console.standard(environment: environment)
        let isTerminal = Terminal.inputIsTerminal
        let safety = SafetyDesk(
            settings: safetySettings,
            region: where_.region(environment: environment, settings: safetySettings),
            safetyPlanFlow: loadSafetyPlanFlow, interactive: isTerminal,
            errors: Console.standardError(environment: environment))
        let reader = Terminal.makeReader { console.write($0) }
        Terminal.catchInterrupts()

        // Drafts: offer an unfinished run of this flow, then save after every answer.
        let store = noSave ? nil : DraftStore(environment: environment)
        var draftPath = resumed?.path
        var restored = resumed?.draft.answers ?? Answers()
        var restoredSafetyPlan = resumed?.draft.safetyPlan
        var restoredCheckIns = resumed?.draft.checkIns ?? []
        if resumed == nil, isTerminal, scripted == nil, let store,
            let earlier = store.all().first(where: { $0.draft.flowID == flowID && $0.draft.plan == planFile })
        {
            console.line(
                console.style.bold("You have an unfinished '\(flow.title)' from \(earlier.draft.savedAt)")
                    + " (\(earlier.draft.answered) answers). " + console.style.bold("Carry on from there?") + " "
                    + console.style.dim("[Y/n]"))
            if case .line(let word) = reader.readLine(prompt: "> "),
                YesNo.parse(word) != false
            {
                draftPath = earlier.path
                restored = earlier.draft.answers
                restoredSafetyPlan = earlier.draft.safetyPlan
                restoredCheckIns = earlier.draft.checkIns ?? []
            }
            console.line()
        }
        var draftWarned = false
        let interview = Interview(
            session: Session(flow: flow, today: today, answers: restored, mode: mode.flowMode, base: base),
            reader: reader, console: console, scripted: scripted, scriptedPath: answers,
            canAsk: isTerminal || answers == nil, safety: safety, safetyPlan: restoredSafetyPlan,
            checkIns: restoredCheckIns)
        // The crisis screen takes tens of milliseconds to make: it is made while the person
        // reads, or at the first answer from a file, whichever comes first.
        interview.whileReading = { inBackground { _ = safetySettings.screen } }
        if let store {
            interview.keepsDraft = true
            // After each answer the draft gains a line; now and then it is written whole again
            // (compacted), so saving costs about the same at every question.
            var appended = 0
            var wholeSize = 0
            interview.onChange = { (change: RunChange) in
                do throws(Failure) {
                    if case .added(let path, let value, _) = change, let draftPath, appended <= max(wholeSize, 64 << 10)
                    {
                        let line = Draft.Added(set: path, value: value, savedAt: DraftStore.now()).encoded()
                        try store.append(line, to: draftPath)
                        appended += line.utf8.count
                        return
                    }
                    let state = change.state
                    try store.prepare()
                    let path = draftPath ?? store.newPath(for: flowID)
                    var draft = Draft(
                        flowID: flowID, mode: mode.flowMode, date: today, out: out.map(Files.absolute), plan: planFile,
                        savedAt: DraftStore.now(), answers: state.answers, safetyPlan: state.safetyPlan,
                        checkIns: state.checkIns)
                    draft.planOwner = base.map(Draft.owner(of:))
                    let text = draft.encoded()
                    try store.save(text, to: path)
                    draftPath = path
                    wholeSize = text.utf8.count
                    appended = 0
                } catch {
                    if !draftWarned {
                        draftWarned = true
                        console.line(
                            console.style.warn(
                                "  ! Could not save a draft (\(error.message)) Your answers are still here."))
                    }
                }
            }
        }
        let collected: Answers
        do {
            collected = try interview.run()
        } catch {
            switch (error, draftPath) {
            case (.stoppedAfterPause, let path):
                Self.leaveKindly(console: console, safety: safety, kept: path != nil)
                throw .quietExit(error.exitCode)
            case (.stoppedByPerson, let path?): throw .stoppedWithDraft(draft: path)
            case (.inputEnded, let path?) where isTerminal:
                // Ctrl-D on an empty line at a terminal: the person chose to leave.
                console.line()
                console.line("Stopped for now. Your answers so far are kept in a draft (\(path)).")
                console.line("Run 'goalplan resume' to carry on where you left off.")
                throw .quietExit(130)
            case (.inputEnded(let question), let path?): throw .inputEndedWithDraft(question: question, draft: path)
            default: throw error
            }
        }

        let plan = Self.plan(
            flow: flow, answers: collected, today: today, base: base, safetyPlan: interview.safetyPlan,
            checkIns: interview.checkIns)
        var markdown = MarkdownWriter().write(plan)
        console.line()
        do throws(Failure) {
            if let planPath, let planFile, out == nil {
                // The plan may have been edited while the questions were answered (a box ticked
                // in an editor): then the answers go onto that version, if its goals are the
                // same; if not, nothing in it is replaced and the update is kept beside it.
                var earlier = original
                let now = try Files.read(planFile, limit: Files.planLimit, whole: true)
                if now != original {
                    let current = try readPlan(now, path: planPath, updating: true, quiet: true)
                    guard let base, current.goals.map(\.title) == base.goals.map(\.title) else {
                        let ours = try PlanTarget.keepBeside(
                            planFile, as: "revisit", bytes: Array(markdown.utf8), today: today)
                        if let store, let draftPath { store.delete(draftPath) }
                        throw .planChangedMeanwhile(path: planPath, ours: ours)
                    }
                    markdown = MarkdownWriter().write(
                        Self.plan(
                            flow: flow, answers: collected, today: today, base: current,
                            safetyPlan: interview.safetyPlan.map { _ in Self.mergedSafetyPlan(interview, base, current)
                            },
                            checkIns: interview.checkIns))
                    earlier = now
                    console.line(
                        "'\(planPath)' was changed while you answered; your answers are added to that version.")
                }
                let kept: String
                do throws(Failure) {
                    kept = try PlanTarget.keepBeside(planFile, as: "before", bytes: earlier, today: today)
                } catch {
                    PlanTarget.showInFull(markdown, console: console)
                    throw error
                }
                try PlanTarget.replace(planFile, with: markdown, console: console)
                // Named as the plan was: beside it, unless the plan is a link to elsewhere.
                let folder = Files.parent(of: planPath)
                let shownKept =
                    Files.resolved(folder).map { $0 + "/" + Files.basename(of: kept) } == kept
                    ? (folder == "." ? "" : folder + "/") + Files.basename(of: kept) : kept
                console.line(
                    "Your plan is updated: \(console.style.bold(planPath)). The earlier version is in \(shownKept).")
            } else {
                let path = try target.write(markdown, console: console)
                console.line("Your plan is saved in \(console.style.bold(path)) (only you can read it).")
            }
        } catch {
            // Nothing is lost: the plan was shown in full, and the answers stay in their draft.
            if case .cannotWrite(let path, let reason) = error, let draftPath {
                throw .cannotWrite(
                    path: path,
                    reason:
                        "\(reason). Your answers are kept in the draft \(draftPath); run 'goalplan resume' once it can be written"
                )
            }
            throw error
        }
        // The plan is safely written: the draft has done its work.
        if let store, let draftPath { store.delete(draftPath) }
        // What this session measured, in a line each.
        for result in plan.measures.dropFirst(base?.measures.count ?? 0) {
            console.line(Self.describe(result))
        }
    }

    /// A measure's result in a line: `PHQ-9 today: 13 of 27 (moderate).`
    static func describe(_ m: MeasureResult) -> String {
        var text = "\(m.name) today: \(ComputedValue.format(m.score))"
        if let most = m.maximum { text += " of \(ComputedValue.format(most))" }
        if let band = m.band { text += " (\(band))" }
        if m.id == MeasureResult.goalAttainment { text += "; 50 means your goals went as expected" }
        return text + "."
    }

    /// The safety plan made in this run, on a plan that changed meanwhile: the run's version
    /// wins where it changed a section, the file's where only the file changed it.
    static func mergedSafetyPlan(_ interview: Interview, _ base: Plan?, _ current: Plan) -> SafetyPlan {
        let ours = interview.safetyPlan ?? SafetyPlan()
        let start = base?.safetyPlan ?? SafetyPlan()
        var merged = current.safetyPlan ?? SafetyPlan()
        for field in PlanField.allCases {
            guard let mine = ours.items(for: field), mine != start.items(for: field) else { continue }
            merged.set(mine, for: field)
        }
        return merged
    }

    /// The plan a run makes: its answers placed, then a safety plan made or updated on the
    /// way, and the clinician's record of safety check-ins.
    static func plan(
        flow: Flow, answers: Answers, today: CalendarDate, base: Plan?, safetyPlan: SafetyPlan?,
        checkIns: [SafetyCheckIn]
    ) -> Plan {
        var plan = PlanBuilder.build(flow: flow, answers: answers, started: today, today: today, base: base)
        if let safetyPlan { plan.safetyPlan = safetyPlan.isEmpty ? nil : safetyPlan }
        if !checkIns.isEmpty {
            var notes = plan.clinician ?? ClinicianNotes()
            notes.checkIns += checkIns
            plan.clinician = notes
        }
        return plan
    }

    /// What a person reads when they stop at a safety pause: no error, the lines again, and
    /// how to come back.
    static func leaveKindly(console: Console, safety: SafetyDesk, kept: Bool) {
        console.line()
        console.line("You have stopped for now, and that is fine.")
        if kept {
            console.line("Everything you wrote is kept on this computer, only for you.")
            console.line("When you are ready, run " + console.style.bold("goalplan resume") + " to carry on from here.")
        } else {
            console.line("Nothing was saved, as you asked (--no-save).")
        }
        console.line("If things get hard, you can talk to someone at any time:")
        safety.describe(safety.lines(for: nil), style: console.style).forEach { console.line($0) }
    }
}

/// Where the plan goes: the path asked for, which must not exist, or the first free
/// `goal-plan-YYYY-MM-DD[-N].md` in the current folder.
struct PlanTarget {
    let explicit: String?
    let today: CalendarDate

    /// Checks before any question is asked that the plan can be written where asked.
    init(explicit: String?, today: CalendarDate) throws(Failure) {
        self.explicit = explicit
        self.today = today
        guard let explicit else { return }
        if Files.exists(explicit) { throw .outputExists(path: explicit) }
        let folder = Files.parent(of: explicit)
        guard Files.isDirectory(folder) else {
            throw .cannotWrite(path: explicit, reason: "the folder '\(folder)' does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw .cannotWrite(path: explicit, reason: Files.reason(errno))
        }
    }

    /// The default names to try, in order.
    func candidates() -> [String] {
        if let explicit { return [explicit] }
        let base = "goal-plan-\(today.iso)"
        return ["\(base).md"] + (2...99).map { "\(base)-\($0).md" }
    }

    /// Writes the plan; if it cannot be written, shows it so nothing typed is lost.
    func write(_ markdown: String, console: Console) throws(Failure) -> String {
        var lastFailure = Failure.cannotWrite(path: candidates()[0], reason: "no free file name")
        for path in candidates() where !Files.exists(path) {
            do {
                try Files.createNew(path, contents: markdown)
                return path
            } catch {
                lastFailure = error
                if case .outputExists = error, explicit == nil { continue }
                break
            }
        }
        Self.showInFull(markdown, console: console)
        throw lastFailure
    }

    /// Writes bytes beside a plan as `NAME.WHAT-YYYY-MM-DD[-N].md` (`before` for the version
    /// an update replaced, `revisit` for an update that could not be merged), never replacing
    /// a file. Returns its path.
    static func keepBeside(_ path: String, as what: String, bytes: [UInt8], today: CalendarDate) throws(Failure)
        -> String
    {
        let stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        let text = String(decoding: bytes, as: UTF8.self)
        for n in 1...99 {
            let copy = "\(stem).\(what)-\(today.iso)\(n == 1 ? "" : "-\(n)").md"
            if Files.exists(copy) { continue }
            do {
                try Files.createNew(copy, contents: text)
                return copy
            } catch {
                if case .outputExists = error { continue }
                throw error
            }
        }
        throw .cannotWrite(path: path, reason: "no free name for the \(what) copy")
    }

    /// Replaces a plan with its updated text; if that fails, shows the text in full.
    static func replace(_ path: String, with markdown: String, console: Console) throws(Failure) {
        do {
            try Files.replace(path, contents: markdown)
        } catch {
            showInFull(markdown, console: console)
            throw error
        }
    }

    static func showInFull(_ markdown: String, console: Console) {
        console.line()
        console.line("The plan could not be saved, so here it is in full. Copy it somewhere safe:")
        console.line()
        console.write(markdown)
    }
}
