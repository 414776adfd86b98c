import GoalPlanCore
import LineEditing

/// One run of a flow, end to end: the flow and safety settings found, the plan being updated
/// read and locked, a draft offered and kept after each answer, the questions asked
/// (`Interview`), the safety pause, the plan put together and written, and the draft removed.
///
/// `start`, `revisit` and `resume` only turn what they were given into a `Request`. Everything
/// the run reads from outside comes in as a collaborator: the flows, the environment, the
/// console and the error console, the line reader, the clock, and the draft store; tests
/// pass their own.
struct FlowRun {
    /// What to run, as the person asked for it.
    struct Request {
        var flowID: String
        /// The plan to update (`revisit`, `--plan`).
        var planPath: String? = nil
        /// Where to write a new plan (`--out`).
        var out: String? = nil
        /// Answers from a file (`--answers`).
        var answersPath: String? = nil
        /// The session's date; today by the clock when not given.
        var date: CalendarDate? = nil
        var mode: FlowMode = .self
        /// A draft being carried on with, and where it is.
        var resumed: (path: String, draft: Draft)? = nil
    }

    let catalog: FlowCatalog
    let environment: [String: String]
    let console: Console
    /// Where warnings that must not mix with the questions go.
    let errors: Console
    /// Whether a person is typing (standard input is a terminal).
    let isTerminal: Bool
    let today: () -> CalendarDate
    /// Where drafts are kept; none when the person asked for no draft.
    let drafts: DraftStore?
    /// The line reader, made once the run is about to ask (libedit on a terminal).
    let makeReader: (Console) -> LineReader
    /// The region whose crisis lines to show, from the settings and the environment.
    let region: (SafetySettings) -> String?

    /// The run on this process's terminal, standard output and error, environment, clock and
    /// state folder; every file it makes is private to the person (umask 077).
    static func onThisTerminal(
        catalog: FlowCatalog, region: RegionOption, keepsDrafts: Bool, plain: Bool = false
    ) -> FlowRun {
        umask(0o077)
        let environment = processEnvironment
        return FlowRun(
            catalog: catalog, environment: environment,
            console: Console.standard(environment: environment, plain: plain),
            errors: Console.standardError(environment: environment, plain: plain), isTerminal: Terminal.inputIsTerminal,
            today: LocalClock.today, drafts: keepsDrafts ? DraftStore(environment: environment) : nil,
            makeReader: { console in
                let reader = Terminal.makeReader { console.write($0) }
                Terminal.catchInterrupts()
                if let editor = reader as? EditLineReader {
                    // A terminal made wider or narrower at a prompt: the question again, to fit.
                    editor.onReadEnd = { console.readEnded() }
                    editor.onResize = { console.showAgain() }
                }
                return reader
            },
            region: { region.region(environment: environment, settings: $0) })
    }

    func run(_ request: Request) throws(Failure) {
        let flowID = request.flowID
        let planPath = request.planPath
        let out = request.out
        let answers = request.answersPath
        let resumed = request.resumed
        let flow = try catalog.flow(flowID)
        if flow.part != nil { throw .flowIsAPart(id: flowID, hosts: catalog.hosts(of: flowID)) }
        let safetySettings = try catalog.safetySettings()
        // Read only if a safety pause offers it.
        var safetyPlanFlow: Flow?? = nil
        let loadSafetyPlanFlow = { () -> Flow? in
            if let loaded = safetyPlanFlow { return loaded }
            safetyPlanFlow = .some(try? catalog.flow("safety-plan"))
            return safetyPlanFlow ?? nil
        }
        let today = request.date ?? self.today()

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

        let safety = SafetyDesk(
            settings: safetySettings, region: region(safetySettings), safetyPlanFlow: loadSafetyPlanFlow,
            interactive: isTerminal, errors: errors)
        let reader = makeReader(console)

        // Drafts: offer an unfinished run of this flow, then save after every answer.
        let store = drafts
        var draftPath = resumed?.path
        var restored = resumed?.draft.answers ?? Answers()
        var restoredSafetyPlan = resumed?.draft.safetyPlan
        var restoredCheckIns = resumed?.draft.checkIns ?? []
        if resumed == nil, isTerminal, scripted == nil, let store,
            let earlier = store.all().first(where: { $0.draft.flowID == flowID && $0.draft.plan == planFile })
        {
            console.line(
                console.style.bold(tr("You have an unfinished '\(flow.title)' from \(earlier.draft.savedAt)"))
                    + (earlier.draft.answered == 1 ? tr(" (1 answer). ") : tr(" (\(earlier.draft.answered) answers). "))
                    + console.style.bold(tr("Carry on from there?"))
                    + " " + console.style.dim(tr("[Y/n]")))
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
            session: Session(flow: flow, today: today, answers: restored, mode: request.mode, base: base),
            reader: reader, console: console, scripted: scripted, scriptedPath: answers,
            canAsk: isTerminal || answers == nil, safety: safety, safetyPlan: restoredSafetyPlan,
            checkIns: restoredCheckIns)
        // The crisis screen takes tens of milliseconds to make: it is made while the person
        // reads, or at the first answer from a file, whichever comes first.
        interview.whileReading = { inBackground { _ = safetySettings.screen } }
        if isTerminal {
            interview.editor = ExternalEditor(environment: environment, store: DraftStore(environment: environment))
        }
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
                        let line = Draft.Added(set: path, value: value, savedAt: LocalClock.now()).encoded()
                        try store.append(line, to: draftPath)
                        appended += line.utf8.count
                        return
                    }
                    let state = change.state
                    try store.prepare()
                    let path = draftPath ?? store.newPath(for: flowID)
                    var draft = Draft(
                        flowID: flowID, mode: request.mode, date: today, out: out.map(Files.absolute), plan: planFile,
                        savedAt: LocalClock.now(), answers: state.answers, safetyPlan: state.safetyPlan,
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
                                tr("  ! Could not save a draft (\(error.message)) Your answers are still here.")))
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
                console.line(tr("Stopped for now. Your answers so far are kept in a draft:"))
                // The path whole, not wrapped, to copy.
                console.write("    \(path)\n")
                console.line(tr("Run 'goalplan resume' to carry on where you left off."))
                throw .quietExit(130)
            case (.inputEnded(let question), let path?): throw .inputEndedWithDraft(question: question, draft: path)
            default: throw error
            }
        }

        let plan = Self.plan(
            flow: flow, answers: collected, today: today, base: base, safetyPlan: interview.safetyPlan,
            checkIns: interview.checkIns)
        var markdown = MarkdownWriter().write(plan)
        var savedAt: String?
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
                        tr("'\(planPath)' was changed while you answered; your answers are added to that version."))
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
                    tr("Your plan is updated: \(console.style.bold(planPath)). The earlier version is kept in:"))
                // Not wrapped: the path whole, to copy (a wrap may break it at a hyphen).
                console.write("    " + shownKept + "\n")
                savedAt = planPath
            } else {
                let path = try target.write(markdown, console: console)
                console.line(tr("Your plan is saved in \(console.style.bold(path)) (only you can read it)."))
                savedAt = path
            }
        } catch {
            // Nothing is lost: the plan was shown in full, and the answers stay in their draft.
            if case .cannotWrite(let path, let reason) = error, let draftPath {
                throw .cannotWrite(
                    path: path,
                    reason: tr(
                        "\(reason). Your answers are kept in the draft \(draftPath); run 'goalplan resume' once it can be written"
                    ))
            }
            throw error
        }
        // The plan is safely written: the draft has done its work.
        if let store, let draftPath { store.delete(draftPath) }
        // What this session measured, in a line each.
        for result in plan.measures.dropFirst(base?.measures.count ?? 0) {
            console.line(Self.describe(result))
        }
        if let savedAt, let review = plan.nextReview, !plan.goals.isEmpty {
            let (sentence, command) = Self.nextReview(review, plan: savedAt, today: today)
            console.line(sentence)
            // Not wrapped: the command whole, to copy.
            console.write(command + "\n")
        }
    }

    /// When to look at the plan again, and the exact command to type then.
    static func nextReview(_ review: CalendarDate, plan path: String, today: CalendarDate) -> (String, String) {
        let days = review.dayNumber - today.dayNumber
        let sentence =
            switch days {
            case ..<0:
                tr(
                    "Your next review was due on \(review.weekday) \(review.longForm). To look back at your goals then, run:"
                )
            case 0: tr("Your next review is today. To look back at your goals then, run:")
            case 1:
                tr(
                    "Your next review is tomorrow, \(review.weekday) \(review.longForm). To look back at your goals then, run:"
                )
            default:
                tr(
                    "Your next review is on \(review.weekday) \(review.longForm), in \(days) days. To look back at your goals then, run:"
                )
            }
        return (sentence, "    goalplan revisit \(Shell.quoted(path))")
    }

    /// A measure's result in a line: `PHQ-9 today: 13 of 27 (moderate).`
    static func describe(_ m: MeasureResult) -> String {
        let score = ComputedValue.format(m.score)
        var text =
            m.maximum.map { tr("\(m.name) today: \(score) of \(ComputedValue.format($0))") }
            ?? tr("\(m.name) today: \(score)")
        if let band = m.band { text += " (\(band))" }
        if m.id == MeasureResult.goalAttainment { text += tr("; 50 means your goals went as expected") }
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
        console.line(tr("You have stopped for now, and that is fine."))
        if kept {
            console.line(tr("Everything you wrote is kept on this computer, only for you."))
            console.line(tr("When you are ready, run \(console.style.bold("goalplan resume")) to carry on from here."))
        } else {
            console.line(tr("Nothing was saved, as you asked (--no-save)."))
        }
        console.line(tr("If things get hard, you can talk to someone at any time:"))
        safety.describe(safety.lines(for: nil), style: console.style).forEach { console.line($0) }
    }
}
