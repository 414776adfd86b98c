import Foundation
import GoalPlanCore
import LineEditing
import Testing

@testable import goalplan

/// Golden transcripts: a flow and scripted input give exactly the transcript and plan on file.
@Suite struct TranscriptTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!
    /// What a run that sets the next review ends with.
    static let closing =
        "Your next review is on Friday 11 December 2026, in 14 days. To look back at your\ngoals then, run:\n    goalplan revisit plan.md\n"

    func loadFlow(_ name: String, folder: String = Here.fixtures) throws -> Flow {
        try FlowCatalog(directories: [folder]).flow(name)
    }

    func inputLines() throws -> [String] {
        let text = try String(contentsOfFile: Here.fixtures + "/tour-input.txt", encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static let prompts = Here.testsFolder + "/../../Prompts"

    /// Runs a flow in-process with scripted typing, with the safety settings and safety-plan
    /// flow of Prompts/; returns the transcript and the plan.
    func run(
        _ flow: Flow, typing lines: [String], mode: FlowMode = .self, base: Plan? = nil
    ) throws -> (transcript: String, plan: String) {
        var transcript = ""
        let console = Console(style: Style(enabled: false)) { transcript += $0 }
        let reader = ScriptedLineReader(lines) { transcript += $0 }
        let catalog = FlowCatalog(directories: [Self.prompts])
        let desk = SafetyDesk(
            settings: try catalog.safetySettings(), region: "GB", safetyPlanFlow: { try? catalog.flow("safety-plan") },
            interactive: true, errors: console)
        let interview = Interview(
            session: Session(flow: flow, today: Self.today, mode: mode, base: base), reader: reader, console: console,
            safety: desk)
        let answers = try interview.run()
        let plan = FlowRun.plan(
            flow: flow, answers: answers, today: Self.today, base: base, safetyPlan: interview.safetyPlan,
            checkIns: interview.checkIns)
        return (transcript, MarkdownWriter().write(plan))
    }

    @Test func tourTranscriptAndPlanMatchTheSnapshots() throws {
        let result = try run(try loadFlow("tour"), typing: try inputLines())
        try assertSnapshot(result.transcript, named: "tour.transcript.txt")
        try assertSnapshot(result.plan, named: "tour.plan.md")
    }

    static let intakeTyping = [
        // the full version (the default), a name
        "", "Sam",
        // reflect
        "1, 7", "Trouble sleeping since the move", "Arguing with my partner", "",
        "I would wake up rested.", "We would laugh more.", ".", "I am good at routines", "", "My sister", "",
        // what matters, and what would tell them this helped
        "Time with my family", "I would have energy for my kids",
        // goal 1, then its steps right after
        "Sleep better", "Sleep seven hours on most nights", "I feel foggy at work", "2",
        "1", "Seven hours on five nights a week", "9", "4", "A smaller first step", "n",
        "No phone after 10 pm on weeknights", "A walk at lunch on Monday", "", "2", "y", "Noise at night",
        "Use earplugs", "n", "My sister", "",
        // goal 2 and its steps
        "y", "Talk calmly when we disagree", "", "", "4", "rel", "", "8", "7", "",
        "Take a break when voices rise", "", "1", "n", "",
        // no third goal; the next review, then the last look
        "n", "", "",
    ]

    /// What a therapist types at the end of a facilitated intake, before the review date.
    static let clinicTyping = [
        "1, 2", "Sleep diary, stimulus control", ".", "1", "4", "2", "12", "1, 3", "Keep a sleep diary", ".",
    ]

    @Test func intakeTranscriptAndPlanMatchTheSnapshots() throws {
        let result = try run(try loadFlow("intake", folder: Self.prompts), typing: Self.intakeTyping)
        try assertSnapshot(result.transcript, named: "intake.transcript.txt")
        try assertSnapshot(result.plan, named: "intake.plan.md")
    }

    @Test func facilitatedModeShowsNotesAndAsksTheTherapist() throws {
        var typing = Self.intakeTyping
        typing.insert(contentsOf: Self.clinicTyping, at: typing.count - 2)
        let result = try run(try loadFlow("intake", folder: Self.prompts), typing: typing, mode: .facilitated)
        #expect(
            result.transcript.contains(
                "  For the therapist: Use the client's words. Ask \"what else?\" before moving on."))
        #expect(!result.transcript.contains("not a crisis service"))
        #expect(
            result.plan.contains(
                "## For the clinician\n\n- **Approach:** Cognitive behavioral therapy (CBT), Acceptance and commitment therapy (ACT)\n- **Interventions:** Sleep diary, stimulus control\n"
            ))
        // The clinic's record, each answer under a name of its own, and the therapist's questions marked.
        for line in [
            "- **Risk discussed:** Yes, and there are no current concerns", "- **Safety plan:** Not needed at present",
            "- **Sessions:** Every two weeks", "- **Number of sessions planned:** 12",
            "- **Measures to track:** Goal ratings from 0 to 10 at each review\\\n  PHQ-9 (mood)",
            "- **Agreed to try before next time:** Keep a sleep diary",
        ] {
            #expect(result.plan.contains(line), "\(line)")
        }
        #expect(result.transcript.contains("For the therapist: Was risk talked about today?"))
        let client = try #require(try? MarkdownReader.read(result.plan))
        #expect(!MarkdownWriter(options: .init(clientCopy: true)).write(client).contains("Risk discussed"))
        let selfRun = try run(try loadFlow("intake", folder: Self.prompts), typing: Self.intakeTyping)
        #expect(selfRun.transcript.contains("It is not a crisis\nservice"))
        #expect(!selfRun.transcript.contains("For the therapist"))
        #expect(!selfRun.plan.contains("For the clinician"))
    }

    /// The short version: what brings them, what would tell them it helped, one goal and its
    /// steps, the review date; none of the reflection or the goal's details.
    @Test func theShortIntakeKeepsToTheEssentials() throws {
        let typing = [
            "2", "Sam", "Trouble sleeping", "", "I would wake up rested", "Sleep better", "", "I feel foggy", "3",
            "Bed by 11", "", "1", "n", "", "n", "", "",
        ]
        let result = try run(try loadFlow("intake", folder: Self.prompts), typing: typing)
        let asked = result.transcript.components(separatedBy: "\n").filter {
            $0.range(of: #"(Question \d+|· \d+) of \d+"#, options: .regularExpression) != nil
        }
        #expect(asked.count == 12, "\(asked)")
        #expect(!result.transcript.contains("Which parts of life feel hard"))
        #expect(!result.transcript.contains("Which part of life does this goal belong to?"))
        for part in [
            "## What brought me here\n\n- Trouble sleeping\n",
            "## How I will know this has helped\n\nI would wake up rested\n",
            "## Goal 1: Sleep better\n", "- [ ] Bed by 11\n",
        ] {
            #expect(result.plan.contains(part), "\(part)")
        }
    }

    @Test func goingBackToAListOffersEachItemToKeepChangeOrTakeOut() throws {
        let typing = [
            "", "Cannot sleep", "Argue a lot", "Too much work", "", ":back",
            // Change item 1, take item 2 out, add one, and keep the rest.
            "1", "Cannot sleep since the move", "-2", "Money worries", "", "", "", "", "",
        ]
        let result = try run(try loadFlow("reflect", folder: Self.prompts), typing: typing)
        #expect(result.transcript.contains("Enter keeps them. Type 2 to change item 2, -2 to take it out"))
        #expect(result.transcript.contains("  Taken out: Argue a lot"))
        #expect(
            result.plan.contains(
                "## What brought me here\n\n- Cannot sleep since the move\n- Too much work\n- Money worries\n"),
            "\(result.plan)")
    }

    @Test func crisisLanguagePausesOffersASafetyPlanAndCarriesOn() throws {
        var typing = Self.intakeTyping
        // The second challenge speaks of wanting to die; the person makes a safety plan.
        typing[4] = "Some nights I want to die"
        typing.insert(
            contentsOf: [
                "make my safety plan", "I stop answering my phone", "", "Go for a walk", "", "", "My sister, 555 0100",
                "",
                "988", "", "", "My cat", "", "", "",
            ], at: 6)
        let result = try run(try loadFlow("intake", folder: Self.prompts), typing: typing)
        try assertSnapshot(result.transcript, named: "safety.transcript.txt")
        #expect(result.transcript.contains("── A pause ──"))
        #expect(result.transcript.contains("Samaritans, call 116 123"))
        let pauseText = result.transcript.components(separatedBy: "── A pause ──")[1].components(
            separatedBy: "What would you like")[0]
        #expect(!pauseText.contains("988"), "only the lines for the person's region")
        // The pause never quotes the answer back.
        let pause = result.transcript.components(separatedBy: "── A pause ──")[1].components(
            separatedBy: "What would you like")[0]
        #expect(!pause.contains("want to die"))
        #expect(result.plan.contains("## My safety plan\n\n### Warning signs\n\n- I stop answering my phone\n"))
        #expect(result.plan.contains("### My reasons for living\n\n- My cat\n"))
        #expect(result.plan.contains("## Goal 1: Sleep seven hours on most nights"))
    }

    /// Conditions, placeholders, for_each, an include, :skip, :back and a :review jump that
    /// drops an answer that no longer applies and asks one that now does.
    @Test func branchingTranscriptAndPlanMatchTheSnapshots() throws {
        let text = try String(contentsOfFile: Here.fixtures + "/branching-input.txt", encoding: .utf8)
        let typing = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let result = try run(try loadFlow("branching"), typing: typing)
        try assertSnapshot(result.transcript, named: "branching.transcript.txt")
        try assertSnapshot(result.plan, named: "branching.plan.md")
        #expect(!result.plan.contains("My sister"))
        #expect(!result.plan.contains("Noise"))
        #expect(result.plan.contains("**Would you like someone to help?**\n\nYes"))
    }

    @Test func answersFileFillsForEachRounds() throws {
        let folder = try Here.temporaryFolder()
        let answers = """
            support: 'no'
            wish: 'yes'
            goals:
              - {goal: Sleep, rating: 2, hard: Noise}
              - {goal: Walk, rating: 6}
            steps:
              - first_step: [Earplugs, Dark curtains]
              - first_step: Walk to work on Friday
            """
        try answers.write(toFile: folder + "/answers.yaml", atomically: true, encoding: .utf8)
        let result = try runGoalplan(
            [
                "start", "branching", "--prompts", Here.fixtures, "--date", "2026-11-27", "--out", "plan.md",
                "--answers", "answers.yaml",
            ], in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            plan.contains(
                "## Goal 1: Sleep\n\n- **Progress (0-10):** 2 at the start (27 November 2026)\n\n### Steps\n\n- [ ] Earplugs\n- [ ] Dark curtains"
            ))
        #expect(
            plan.contains(
                "## Goal 2: Walk\n\n- **Progress (0-10):** 6 at the start (27 November 2026)\n\n### Steps\n\n- [ ] Walk to work on Friday"
            ))
        #expect(plan.contains("**What makes \"Sleep\" hard right now?**\n\nNoise"))
    }

    @Test func pipedInputWritesTheSamePlanAndTranscript() throws {
        let folder = try Here.temporaryFolder()
        let input = try String(contentsOfFile: Here.fixtures + "/tour-input.txt", encoding: .utf8)
        let result = try runGoalplan(
            ["start", "tour", "--prompts", Here.fixtures, "--date", "2026-11-27", "--out", "plan.md", "--no-save"],
            input: input, in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let expectedTranscript = try String(contentsOfFile: Here.snapshots + "/tour.transcript.txt", encoding: .utf8)
        #expect(result.output.hasPrefix(expectedTranscript))
        #expect(result.output.hasSuffix("\nYour plan is saved in plan.md (only you can read it).\n" + Self.closing))
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan == (try String(contentsOfFile: Here.snapshots + "/tour.plan.md", encoding: .utf8)))
    }

    @Test func answersFileWritesTheSamePlanWithoutATerminal() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(
            [
                "start", "tour", "--prompts", Here.fixtures, "--date", "2026-11-27", "--out", "plan.md",
                "--answers", Here.fixtures + "/tour-answers.yaml",
            ],
            in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "\nYour plan is saved in plan.md (only you can read it).\n" + Self.closing)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan == (try String(contentsOfFile: Here.snapshots + "/tour.plan.md", encoding: .utf8)))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/plan.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aGoldenFileThatDiffersShowsTheLinesThatChanged() {
        let diff = lineDiff("# Plan\n- sleep\n- walk\n", "# Plan\n- sleep better\n- walk\n")
        #expect(diff == "-2: - sleep\n+2: - sleep better")
        #expect(lineDiff("same\n", "same\n").isEmpty)
    }

    /// The whole run in this process, through the same `FlowRun` the commands use: the plan
    /// written 0600 where asked, a draft kept while it ran and removed once the plan is safe.
    @Test func theWholeRunInProcessWritesThePlanAndRemovesItsDraft() throws {
        let folder = try Here.temporaryFolder()
        var transcript = ""
        var draftsSeen = 0
        let console = Console(style: Style(enabled: false)) { transcript += $0 }
        let store = try #require(DraftStore(environment: ["XDG_STATE_HOME": folder + "/state"]))
        let run = FlowRun(
            catalog: FlowCatalog(directories: [Here.fixtures, Self.prompts]), environment: [:], console: console,
            errors: console, isTerminal: true, today: { Self.today }, drafts: store,
            makeReader: { console in
                ScriptedLineReader(["first answer", "second answer"]) { text in
                    draftsSeen = max(draftsSeen, store.all().count)
                    console.write(text)
                }
            },
            region: { _ in "GB" })
        try run.run(FlowRun.Request(flowID: "echo", out: folder + "/plan.md"))
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("first answer") && plan.contains("second answer"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/plan.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(draftsSeen == 1, "a draft is kept while the run asks")
        #expect(store.all().isEmpty, "the draft is removed once the plan is written")
        #expect(transcript.contains("Your plan is saved in"))
    }
}
