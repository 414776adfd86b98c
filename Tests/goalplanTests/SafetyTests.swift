import Foundation
import Testing

/// The safety net through the binary, as a person meets it: the pause and its choices, a
/// safety plan that survives a kill and every way it used to be lost, stopping kindly, help at
/// any prompt, answers that are piped, and the clinician's record in a facilitated session.
@Suite(.serialized) struct SafetyTests {
    static func environment(_ folder: String, lang: String = "C.UTF-8") -> [String: String] {
        [
            "TERM": "xterm", "HOME": folder, "TMPDIR": folder + "/tmp", "LANG": lang, "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
        ]
    }

    func start(_ folder: String, _ extra: [String] = [], flow: String = "checkin") throws -> PseudoTerminal {
        try PseudoTerminal(
            Here.binary, ["start", flow, "--prompts", Here.fixtures, "--out", "plan.md", "--region", "GB"] + extra,
            folder: folder, environment: Self.environment(folder))
    }

    static func drafts(_ folder: String) throws -> [String] {
        let dir = folder + "/.local/state/goalplan"
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.map {
            try String(contentsOfFile: dir + "/" + $0, encoding: .utf8)
        }
    }

    // (a) A safety plan made from the pause is in the draft after every answer, comes back on
    // resume, shows in the last review, and reaches the plan.
    @Test func aSafetyPlanMadeAtThePauseSurvivesAKillAndComesBackOnResume() throws {
        let folder = try Here.temporaryFolder()
        var tty = try start(folder)
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("some nights I want to die\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        #expect(tty.screen.contains("Samaritans, call 116 123"))
        tty.type("make or update my safety plan\r")
        seen = try tty.waitFor("What tells you a very hard time might be starting?", after: seen)
        seen = try tty.waitFor("  - ", after: seen)
        tty.type("I stop texting back 41c2\r\r")
        seen = try tty.waitFor("Question 2 of 7", after: seen)
        kill(tty.pid, SIGKILL)
        _ = try? tty.waitForExit()
        let saved = try Self.drafts(folder)
        #expect(saved.count == 1)
        #expect(saved.first?.contains("I stop texting back 41c2") == true)
        #expect(saved.first?.contains("some nights I want to die") == true)

        tty = try PseudoTerminal(
            Here.binary, ["resume", "--prompts", Here.fixtures], folder: folder, environment: Self.environment(folder))
        seen = try tty.waitFor("What would you like instead?")
        tty.type("sleep\r")
        seen = try tty.waitFor("Your safety plan", after: seen)
        seen = try tty.waitFor("I stop texting back 41c2", after: seen)
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("## My safety plan\n\n### Warning signs\n\n- I stop texting back 41c2\n"))
    }

    // (b) A second pause starts from the safety plan made at the first; passing over every
    // question changes nothing.
    @Test func aSecondSafetyPlanStartsFromTheFirstAndAnEmptyRunChangesNothing() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("I want to kill myself\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type("4\r")
        seen = try tty.waitFor("  - ", after: seen)
        tty.type("first warning sign\r\r")
        for _ in 2...7 {
            seen = try tty.waitFor("  - ", after: seen)
            tty.type("\r")
        }
        seen = try tty.waitFor("Press Enter to keep your safety plan", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("What would you like instead?", after: seen)
        tty.type("honestly I still want to die\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type("4\r")
        seen = try tty.waitFor("Already in your safety plan:", after: seen)
        seen = try tty.waitFor("1. first warning sign", after: seen)
        for _ in 1...7 {
            seen = try tty.waitFor("  - ", after: seen)
            tty.type("\r")
        }
        seen = try tty.waitFor("Press Enter to keep your safety plan", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("### Warning signs\n\n- first warning sign\n"))
    }

    // (c) The safety-plan flow's own answers are not screened, and a second run on the same
    // plan starts from what it holds.
    @Test func theSafetyPlanFlowDoesNotPauseOnItsOwnAnswersAndAnEmptyRunKeepsThePlan() throws {
        let folder = try Here.temporaryFolder()
        let answers = [
            "When I start thinking about suicide", "", "Music", "", "", "My sister", "",
            "988 Suicide and Crisis Lifeline", "", "Give my pills to my partner", "", "My cat", "", "",
        ]
        let first = try runGoalplan(
            ["start", "safety-plan", "--out", "plan.md"], input: answers.joined(separator: "\n") + "\n", in: folder)
        #expect(first.status == 0, "\(first.errors)")
        #expect(!first.errors.contains("A pause"))
        #expect(!first.output.contains("A pause"))
        var plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("- When I start thinking about suicide"))
        #expect(plan.contains("- 988 Suicide and Crisis Lifeline"))
        // Again on the same plan, passing over everything: nothing is lost.
        let second = try runGoalplan(
            ["start", "safety-plan", "--plan", "plan.md"], input: String(repeating: "\n", count: 12), in: folder)
        #expect(second.status == 0, "\(second.errors)")
        plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("- When I start thinking about suicide"))
        #expect(plan.contains("- My cat"))
        #expect(plan.components(separatedBy: "- My cat").count == 2, "not written twice")
    }

    // (d) A pause during revisit updates the plan's safety plan from what it holds.
    @Test func revisitUpdatesTheExistingSafetyPlanInsteadOfReplacingIt() throws {
        let folder = try Here.temporaryFolder()
        let plan = """
            # Goal plan: Sam

            Started 27 November 2026

            ## Goal 1: Sleep better

            - **Progress (0-10):** 2 at the start (27 November 2026)

            ## My safety plan

            ### Warning signs

            - Not answering the phone

            ### My reasons for living

            - My cat

            """
        try plan.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        let tty = try PseudoTerminal(
            Here.binary, ["revisit", "plan.md", "--region", "GB", "--date", "2026-12-11"], folder: folder,
            environment: Self.environment(folder))
        var seen = try tty.waitFor("Where are you now")
        tty.type("3\r")
        seen = try tty.waitFor("How sure are you now", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("What helped?", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("What got in the way?", after: seen)
        tty.type("some days I want to die\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type("4\r")
        seen = try tty.waitFor("1. Not answering the phone", after: seen)
        seen = try tty.waitFor("  - ", after: seen)
        tty.type("Staying in bed all day\r\r")
        for _ in 2...7 {
            seen = try tty.waitFor("  - ", after: seen)
            tty.type("\r")
        }
        seen = try tty.waitFor("Press Enter to keep your safety plan", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("Is there a step you would like to add", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("What would you like to do with this goal now?", after: seen)
        tty.type("1\r")
        seen = try tty.waitFor("What makes you choose that?", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("short questionnaire", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("When would you like to look at your plan again?", after: seen)
        tty.type("\r")
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let updated = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(updated.contains("### Warning signs\n\n- Not answering the phone\n- Staying in bed all day\n"))
        #expect(updated.contains("### My reasons for living\n\n- My cat\n"))
    }

    @Test func stoppingAfterAPauseIsKindAndKeepsTheAnswer() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("I have been saving my pills 5d1a\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        #expect(tty.screen.contains("a way or a plan to end your life"))
        #expect(!tty.screen.contains("saving my pills 5d1a\r\n──"), "the pause does not quote the answer")
        tty.type("stop for now\r")
        #expect(try tty.waitForExit() == 130)
        let after = String(tty.screen[seen...])
        #expect(!after.contains("error"))
        #expect(after.contains("goalplan resume"))
        #expect(after.contains("Samaritans, call 116 123"))
        #expect(try Self.drafts(folder).first?.contains("I have been saving my pills 5d1a") == true)
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test func thePauseAcceptsWordsAndBackReturnsToTheAnswer() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("sometimes I want to die, honestly\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type("something else\r")
        seen = try tty.waitFor("Please type a number from 1 to 5", after: seen)
        tty.type("show me who I can talk to\r")
        seen = try tty.waitFor("Who you can talk to", after: seen)
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type(":back\r")
        seen = try tty.waitFor("What is hard right now?", after: seen)
        tty.type("\u{15}work is dull\r")
        seen = try tty.waitFor("What would you like instead?", after: seen)
        tty.type("you misunderstood me\r")
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("work is dull"))
        #expect(!plan.contains("check-in"))
    }

    @Test func crisisLinesAtAnyPromptAndWithoutAFlow() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder)
        var seen = try tty.waitFor("What is hard right now?")
        seen = try tty.waitFor("> ", after: seen)
        tty.type(":crisis\r")
        seen = try tty.waitFor("Who you can talk to", after: seen)
        seen = try tty.waitFor("Samaritans, call 116 123", after: seen)
        tty.type(":quit\r")
        _ = try tty.waitFor("Stop now?", after: seen)
        tty.type("y\r")
        _ = try tty.waitForExit()

        let au = try runGoalplan(["crisis", "--region", "au"], in: folder)
        #expect(au.status == 0)
        #expect(au.output.contains("Lifeline, call 13 11 14"))
        #expect(!au.output.contains("988"))
        let nz = try runGoalplan(["crisis"], in: folder, environment: ["LANG": "en_NZ.UTF-8", "LC_ALL": ""])
        #expect(nz.output.contains("1737"))
        #expect(!nz.output.contains("Samaritans"))
        let fr = try runGoalplan(["crisis", "--region", "FR"], in: folder)
        #expect(fr.output.contains("findahelpline.com"))
        let everywhere = try runGoalplan(["crisis"], in: folder, environment: ["LANG": "C.UTF-8", "LC_ALL": ""])
        #expect(everywhere.output.contains("Canada: 988 Suicide Crisis Helpline"))
        #expect(everywhere.output.contains("India: Tele-MANAS"))
        let bad = try runGoalplan(["crisis", "--region", "Narnia"], in: folder)
        #expect(bad.status == 64)
        #expect(bad.errors.contains("not a two-letter country code"))
    }

    @Test func withNoTerminalThePauseWritesToStandardErrorAndTakesNoAnswer() throws {
        let folder = try Here.temporaryFolder()
        // "3" is the answer to the next question, not a choice at the pause.
        let run = try runGoalplan(
            ["start", "checkin", "--prompts", Here.fixtures, "--out", "plan.md", "--region", "US"],
            input: "I want to end my life\n3\n\n", in: folder)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("── A pause ──"))
        #expect(run.errors.contains("988"))
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**What would you like instead?**\n\n3\n"))
    }

    @Test func facilitatedModeScreensTheClientNotTheTherapistAndNotesTheCheckIn() throws {
        let folder = try Here.temporaryFolder()
        let tty = try start(folder, ["--mode", "facilitated", "--date", "2026-11-28"])
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("everyone would be better off without me\r")
        seen = try tty.waitFor("What would you like to do now?", after: seen)
        tty.type("carry on\r")
        seen = try tty.waitFor("For the therapist, anything to note?", after: seen)
        tty.type("passive SI, better off without me\r")
        seen = try tty.waitFor("What would you like instead?", after: seen)
        #expect(!tty.screen[seen...].contains("A pause"))
        let pauses = tty.screen.components(separatedBy: "── A pause ──").count - 1
        #expect(pauses == 1, "the therapist's note does not pause")
        tty.type("less guilt\r")
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            plan.contains(
                "- **Safety check-in:** 2026-11-28 · hopelessness and burden · carried on"))
        let clinician = plan.components(separatedBy: "## For the clinician")[1]
        #expect(!clinician.contains("better off without me\n- **Safety"), "never the words")
        // The client's copy leaves the record out.
        let copy = try runGoalplan(
            ["export", "plan.md", "--client-copy", "--format", "markdown", "--out", "-"], in: folder)
        #expect(!copy.output.contains("Safety check-in"))
    }

    @Test func selfModeRecordsNothingButThePlan() throws {
        let folder = try Here.temporaryFolder()
        let run = try runGoalplan(
            ["start", "checkin", "--prompts", Here.fixtures, "--out", "plan.md"], input: "I want to die\nsleep\n",
            in: folder)
        #expect(run.status == 0)
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(!plan.contains("check-in"))
        #expect(!plan.contains("For the clinician"))
    }
}
