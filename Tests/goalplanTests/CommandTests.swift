import Foundation
import GoalPlanCore
import Testing

@testable import goalplan

/// The commands as a person runs them: what they print, and their exit status.
@Suite struct CommandTests {
    static let fixtures = Here.fixtures

    /// (arguments, input, exit status, what standard error says)
    static let failures: [(args: [String], status: Int32, message: String)] = [
        (
            ["start", "intak"], 66,
            "goalplan: error: no flow called 'intak'. Did you mean 'intake'? Run 'goalplan flows' to see the flows there are.\n"
        ),
        (
            ["start", "echo", "--prompts", "no-such-folder"], 66,
            "goalplan: error: cannot read 'no-such-folder': --prompts names a folder that does not exist.\n"
        ),
        (
            ["start", "echo", "--prompts", fixtures, "--out", "taken.md"], 73,
            "goalplan: error: 'taken.md' already exists, and goalplan never overwrites a plan. Give another path with --out, or move that file first.\n"
        ),
        (
            ["start", "echo", "--prompts", fixtures, "--out", "missing/plan.md"], 74,
            "goalplan: error: could not write 'missing/plan.md': the folder 'missing' does not exist.\n"
        ),
        (
            ["start", "tour", "--prompts", fixtures, "--answers", "bad-answers.yaml"], 65,
            "goalplan: error: bad-answers.yaml:1:1: 'nmae' is not a question here; did you mean 'name'?\n"
        ),
        (
            ["start", "tour", "--prompts", fixtures, "--answers", "no-such.yaml"], 66,
            "goalplan: error: cannot read 'no-such.yaml': no such file or folder.\n"
        ),
        (
            ["start", "tour", "--prompts", fixtures, "--answers", "partial.yaml"], 66,
            "goalplan: error: 'worries' needs an answer, 'partial.yaml' has none for it, and there is no terminal to ask. Add 'worries' to 'partial.yaml', or run goalplan in a terminal.\n"
        ),
        (
            ["start", "tour", "--prompts", fixtures, "--answers", "wrong-rating.yaml"], 65,
            "goalplan: error: the answer to 'goals[1].rating' in 'wrong-rating.yaml' does not fit: Please give a whole number from 0 to 10.\n"
        ),
        (
            ["start", "echo", "--prompts", fixtures, "--date", "27/11/2026"], 64,
            "goalplan: error: '27/11/2026' is not a date like 2026-11-27.\nUsage: goalplan start"
        ),
        (
            ["check", "broken.yaml"], 65,
            "goalplan: error: 1 error found.\n"
        ),
    ]

    func prepare() throws -> String {
        let folder = try Here.temporaryFolder()
        try "keep me\n".write(toFile: folder + "/taken.md", atomically: true, encoding: .utf8)
        try "nmae: Sam\n".write(toFile: folder + "/bad-answers.yaml", atomically: true, encoding: .utf8)
        try "name: Sam\n".write(toFile: folder + "/partial.yaml", atomically: true, encoding: .utf8)
        try "worries: [x]\ngoals:\n  - goal: Sleep\n    rating: ten\n".write(
            toFile: folder + "/wrong-rating.yaml", atomically: true, encoding: .utf8)
        try "id: broken\ntitle: B\nquestions:\n  - id: a\n    ask: A?\n    type: scael\n".write(
            toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test(arguments: failures)
    func failsWithAClearMessage(_ c: (args: [String], status: Int32, message: String)) throws {
        let folder = try prepare()
        let result = try runGoalplan(c.args, in: folder)
        #expect(result.status == c.status)
        #expect(result.errors.hasPrefix(c.message), "stderr was: \(result.errors)")
        #expect(!result.errors.contains("Fatal error"))
        #expect(try String(contentsOfFile: folder + "/taken.md", encoding: .utf8) == "keep me\n")
    }

    @Test func checkReportsCompilerStyleFindings() throws {
        let folder = try prepare()
        let result = try runGoalplan(["check", "broken.yaml"], in: folder)
        #expect(
            result.output == """
                broken.yaml:6:11: error: unknown question type 'scael'; did you mean 'scale'?; types are text, long, choice, multi, scale, yesno, list, date [GP008]
                1 file checked: 1 error, 0 warnings.

                """)
    }

    @Test func checkGivesJSONForEditors() throws {
        let folder = try prepare()
        let result = try runGoalplan(["check", "--format", "json", "broken.yaml"], in: folder)
        #expect(result.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        #expect(json["errors"] as? Int == 1)
        let first = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["path"] as? String == "broken.yaml")
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 11)
        #expect(first["code"] as? String == "GP008")
        #expect(first["severity"] as? String == "error")
    }

    @Test func dryRunPrintsAnOutlineAndAsksNothing() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(["start", "branching", "--prompts", Self.fixtures, "--dry-run"], in: folder)
        #expect(result.status == 0)
        for line in [
            "Branching (branching)", "3. Who is helping you, {{name}}?", "   Asked only if 'support' is \"yes\".",
            "[Goal · group goals] 1 to 2 times; after each: \"Another goal?\" → each is a goal",
            "       [rating] (scale, required, 0 (low) to 10 (high) → goal.rating)",
            "[Steps for {{goal}} · group steps] once for each round of 'goals'", "== Echo (from flow 'echo') ==",
        ] {
            #expect(result.output.contains(line + "\n"), "missing: \(line)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func checkPassesTheBuiltInFlowsAndPrompts() throws {
        let folder = try Here.temporaryFolder()
        let builtIn = try runGoalplan(["check"], in: folder)
        #expect(builtIn.status == 0, "\(builtIn.output)")
        #expect(builtIn.output.hasSuffix(": 0 errors, 0 warnings.\n"))
        let prompts = try runGoalplan(["check", Here.testsFolder + "/../../Prompts"], in: folder)
        #expect(prompts.status == 0, "\(prompts.output)")
    }

    @Test func theIntakeEndsWithTheNextReviewAndTheCommandToRunThen() throws {
        let folder = try Here.temporaryFolder()
        let answers = Here.testsFolder + "/../Install/intake-answers.yaml"
        let result = try runGoalplan(
            ["start", "intake", "--answers", answers, "--out", "my plan.md", "--date", "2026-11-28"], in: folder)
        #expect(result.status == 0)
        #expect(result.output.contains("Your next review is on Saturday 12 December 2026, in 14 days."))
        #expect(result.output.contains("    goalplan revisit 'my plan.md'\n"))
        // A part of a goal is not started alone; the message names what to run.
        let part = try runGoalplan(["start", "goal-steps"], in: folder)
        #expect(part.status == 64)
        #expect(part.errors.contains("Run 'goalplan start intake' or 'goalplan start steps'."))
    }

    /// A flow with a translation runs in the language asked for (by --lang or the locale); the
    /// answers mean the same, and Spanish yes, dates and commands are taken.
    @Test func aFlowRunsInTheLanguageAskedFor() throws {
        let folder = try Here.temporaryFolder()
        let spanish = try runGoalplan(
            ["start", "several", "--prompts", Self.fixtures, "--lang", "es", "--out", "plan.md", "--no-save"],
            input: ":ayuda\nen calma, cansada\n\n", in: folder)
        #expect(spanish.status == 0, "\(spanish.errors)")
        #expect(spanish.output.contains("Varias\n"))
        #expect(spanish.output.contains("¿Cuáles te describen hoy?\n  1. En calma\n  2. Cansada\n"))
        #expect(spanish.output.contains("No hay más guía para esta pregunta."))
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("**¿Cuáles te describen hoy?**\n\n- En calma\n- Cansada\n"))
        // The built-in intake has Spanish words, through its included flows and goal parts too.
        let intake = try runGoalplan(["start", "intake", "--lang", "es", "--dry-run"], in: folder)
        for words in ["¿Cómo quieres que te llamemos?", "Dónde estás ahora", "¿Qué versión prefieres hoy?"] {
            #expect(intake.output.contains(words), "\(words)")
        }
        // The locale chooses it too; an English locale, or a language with no translation, does not.
        let byLocale = try runGoalplan(
            ["start", "several", "--prompts", Self.fixtures, "--dry-run"], in: folder,
            environment: ["LANG": "es_MX.UTF-8", "LANGUAGE": ""])
        #expect(byLocale.output.contains("¿Cuáles te describen hoy?"))
        for environment in [["LANG": "en_US.UTF-8"], ["LANG": "de_DE.UTF-8"]] {
            let other = try runGoalplan(
                ["start", "several", "--prompts", Self.fixtures, "--dry-run"], in: folder,
                environment: environment.merging(["LANGUAGE": "", "LC_ALL": "", "GOALPLAN_LANG": ""]) { $1 })
            #expect(other.output.contains("Which fit today?"), "\(environment)")
        }
    }

    @Test func checkReadsATranslationAgainstItsFlow() throws {
        let folder = try Here.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.fixtures + "/several.yaml", toPath: folder + "/several.yaml")
        try """
        translation: several
        locale: es-US
        questions:
          moods:
            ask: ¿Cuáles, {{otra}}?
            choices: {calm: En calma, tired: Cansada}
        """.write(toFile: folder + "/several.es.yaml", atomically: true, encoding: .utf8)
        let result = try runGoalplan(["check", folder + "/several.es.yaml"], in: folder)
        #expect(result.status == 65)
        #expect(
            result.output.contains(
                "several.es.yaml:4:3: error: 'moods' has 4 choices and this translation 2; missing: body, hopeful [GP041]"
            ))
        #expect(result.output.contains("quotes {{otra}}, which the original does not [GP040]"))
        #expect(result.output.contains("warning: the flow's title is not translated [GP039]"))
    }

    @Test func shellWordsAreQuotedOnlyWhenTheyNeedIt() {
        #expect(Shell.quoted("plans/sam-2026.md") == "plans/sam-2026.md")
        #expect(Shell.quoted("my plan.md") == "'my plan.md'")
        #expect(Shell.quoted("sam's.md") == "'sam'\\''s.md'")
        #expect(Shell.quoted("$HOME") == "'$HOME'")
        #expect(Shell.quoted("") == "''")
    }

    @Test func flowsListsEachFlowWithItsSource() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(["flows", "--prompts", Self.fixtures], in: folder)
        let lines = result.output.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(lines.first == "ID TITLE QUESTIONS LANGUAGES FROM")
        #expect(lines.contains("echo Echo 2 en \(Self.fixtures)"))
        #expect(lines.contains("several Several 1 en, es \(Self.fixtures)"))
        #expect(!lines.contains { $0.hasPrefix("several.es") })
        #expect(lines.contains("intake Your first goal plan 40 en, es built in"))
        #expect(lines.contains("goal-steps First steps (for each goal, inside intake, steps) 5 en, es built in"))
        #expect(lines.contains("revisit Looking back at your goals 34 en, es built in"))
        #expect(!lines.contains { $0.hasPrefix("safety ") })
    }

    @Test func builtInFlowsMatchThePromptsFolder() throws {
        let prompts = Here.testsFolder + "/../../Prompts"
        let files = try FileManager.default.contentsOfDirectory(atPath: prompts).filter { $0.hasSuffix(".yaml") }
            .sorted()
        #expect(BuiltinFlows.files.map { $0.name + ".yaml" } == files)
        for file in BuiltinFlows.files {
            #expect(file.text == (try String(contentsOfFile: "\(prompts)/\(file.name).yaml", encoding: .utf8)))
        }
    }

    @Test func defaultPlanNamesNeverOverwrite() throws {
        let folder = try Here.temporaryFolder()
        try "older plan\n".write(toFile: folder + "/goal-plan-2026-11-27.md", atomically: true, encoding: .utf8)
        let result = try runGoalplan(
            ["start", "echo", "--prompts", Self.fixtures, "--date", "2026-11-27"], input: "a\nb\n", in: folder)
        #expect(result.status == 0)
        #expect(result.output.hasSuffix("Your plan is saved in goal-plan-2026-11-27-2.md (only you can read it).\n"))
        #expect(try String(contentsOfFile: folder + "/goal-plan-2026-11-27.md", encoding: .utf8) == "older plan\n")
        #expect(
            try String(contentsOfFile: folder + "/goal-plan-2026-11-27-2.md", encoding: .utf8).contains(
                "**First?**\n\na\n"))
    }

    @Test func inputEndingEarlyWritesNothingAndSaysWhere() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(
            ["start", "tour", "--prompts", Self.fixtures, "--out", "plan.md"], input: "Sam\n", in: folder)
        #expect(result.status == 66)
        #expect(
            result.errors.hasPrefix(
                "goalplan: error: the input ended at 'worries', before the flow was finished. Your answers so far are kept in a draft ("
            ))
        #expect(!FileManager.default.fileExists(atPath: folder + "/plan.md"))
    }

    @Test func inputEndingEarlyKeepsADraftToResume() throws {
        let folder = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": folder + "/state"]
        let args = ["start", "echo", "--prompts", Self.fixtures, "--out", "plan.md"]
        var result = try runGoalplan(args, input: "kept answer\n", in: folder, environment: state)
        #expect(result.status == 66)
        #expect(
            result.errors.hasPrefix(
                "goalplan: error: the input ended at 'second', before the flow was finished. Your answers so far are kept in a draft ("
            ))
        result = try runGoalplan(["drafts"], in: folder, environment: state)
        #expect(result.output.hasPrefix("1. echo, saved "))
        #expect(result.output.contains(", 1 answer\n"))
        result = try runGoalplan(
            ["resume", "--prompts", Self.fixtures], input: "second answer\n", in: folder, environment: state)
        #expect(result.status == 0, "\(result.errors)")
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(plan.contains("kept answer") && plan.contains("second answer"))
        result = try runGoalplan(["drafts"], in: folder, environment: state)
        #expect(result.output.hasPrefix("No drafts."))
        result = try runGoalplan(["resume"], in: folder, environment: state)
        #expect(result.status == 66)
        #expect(
            result.errors == "goalplan: error: there are no drafts to resume. Start a flow with 'goalplan start'.\n")
    }

    @Test func asecondSessionOnTheSamePlanIsToldAndChangesNothing() throws {
        let folder = try Here.temporaryFolder()
        let text = try String(contentsOfFile: Here.fixtures + "/intake-plan.md", encoding: .utf8)
        try text.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        // A live goalplan holds the plan's lock (this test process stands in for it).
        let holder = open(folder + "/plan.md", O_RDONLY)
        #expect(flock(holder, LOCK_EX) == 0)
        var result = try runGoalplan(["revisit", "plan.md"], input: "5\n", in: folder)
        #expect(result.status == 75)
        #expect(
            result.errors
                == "goalplan: error: another goalplan is updating 'plan.md' right now. Finish or stop that one first; nothing was changed.\n"
        )
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8) == text)
        // When it ends, however it ends, the lock goes with it; a lock file an older goalplan
        // left is not looked at, and none is written.
        close(holder)
        try "999999999\n".write(toFile: folder + "/.plan.md.lock", atomically: true, encoding: .utf8)
        result = try runGoalplan(
            ["revisit", "plan.md", "--date", "2026-12-11"], input: "4\n\n\n\n\n\n1\n\n5\n\n\n\n\n\n1\n\n\n\n\n",
            in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".plan.md.lock", "plan.before-2026-12-11.md", "plan.md"])
    }

    @Test func noSaveWritesNothingButThePlan() throws {
        let folder = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": folder + "/state"]
        let result = try runGoalplan(
            ["start", "echo", "--prompts", Self.fixtures, "--out", "plan.md", "--no-save"], input: "only\n", in: folder,
            environment: state)
        #expect(
            result.errors
                == "goalplan: error: the input ended at 'second', before the flow was finished. Nothing was written.\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/state"))
    }

    /// The umask is set in a shell that then runs goalplan, not in this process, where the
    /// tests that run beside this one would write with it too.
    @Test(arguments: ["000", "022"])
    func plansArePrivateWhateverTheUmask(_ mask: String) throws {
        let folder = try Here.temporaryFolder()
        let run = try runGoalplan(
            [
                "-c", "umask \(mask); exec \"$0\" \"$@\"", Here.binary, "start", "echo", "--prompts", Self.fixtures,
                "--date", "2026-11-27", "--out", "plan.md", "--no-save",
            ],
            input: "a\nb\n", in: folder, executable: "/bin/sh")
        #expect(run.status == 0, "\(run.errors)")
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/plan.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let written = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(throws: Failure.outputExists(path: folder + "/plan.md")) {
            try Files.createNew(folder + "/plan.md", contents: "other\n")
        }
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.md"])
    }

    /// The plan is the source of truth: a hand-edited plan is revisited twice, and its review
    /// table grows while every earlier answer stays.
    @Test func revisitReadsHandEditsAndAddsReviews() throws {
        let folder = try Here.temporaryFolder()
        var text = try String(contentsOfFile: Here.fixtures + "/intake-plan.md", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "- [ ] No phone after 10 pm on weeknights", with: "* [x] No phone after 10.30 pm")
        text = text.replacingOccurrences(
            of: "- [ ] A walk at lunch on Monday\n", with: "- [ ] A walk at lunch on Monday\n- Call the sleep clinic\n")
        try text.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        let original = text
        let first = "4\n\nThe walks\nLate nights\n2\n\n1\nIt is working\n6\n\n\n\n\n\n2\n\nMake it weekly\n\n\n\n"
        var result = try runGoalplan(["revisit", "plan.md", "--date", "2026-12-11"], input: first, in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output.hasSuffix(
                "Your plan is updated: plan.md. The earlier version is kept in:\n    plan.before-2026-12-11.md\n"
                    + "Your next review is on Friday 25 December 2026, in 14 days. To look back at your\ngoals then, run:\n"
                    + "    goalplan revisit plan.md\n"))
        #expect(try String(contentsOfFile: folder + "/plan.before-2026-12-11.md", encoding: .utf8) == original)
        let second = "7\n\n\n\n\n\n3\n\n8\n\n\n\n\n\n3\nDone\n\n\n\n"
        result = try runGoalplan(["revisit", "plan.md", "--date", "2026-12-25"], input: second, in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            plan.contains(
                """
                ### Reviews

                #### 11 December 2026

                - **Progress (0-10):** 4
                - **What helped:** The walks
                - **What got in the way:** Late nights
                - **Decision:** Keep going
                - **Why:** It is working

                #### 25 December 2026

                - **Progress (0-10):** 7
                - **Decision:** I have reached it
                """))
        #expect(
            plan.contains(
                "- **Progress (0-10):** 2 at the start (27 November 2026), 4 on 11 December 2026, 7 on 25 December 2026"
            ))
        #expect(
            plan.contains("- [x] No phone after 10.30 pm\n- [x] A walk at lunch on Monday\n- [ ] Call the sleep clinic")
        )
        #expect(
            plan.contains(
                "#### 11 December 2026\n\n- **Progress (0-10):** 6\n- **Decision:** Change it a little\n- **Why:** Make it weekly"
            ))
        // Nothing that was there before is lost.
        for line in [
            "- Trouble sleeping since the move", "- **Noise at night:** Use earplugs", "A smaller first step",
            "- My feelings and moods",
        ] {
            #expect(plan.contains(line), "lost: \(line)")
        }
        #expect(plan.contains("Next review 8 January 2027"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/plan.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == [
                "plan.md", "plan.before-2026-12-11.md", "plan.before-2026-12-25.md",
            ])
    }

    @Test func revisitLeavesAnUnreadablePlanUntouched() throws {
        let folder = try Here.temporaryFolder()
        let text =
            "# Goal plan: Sam\n\nStarted 27 November 2026\n\n## Goal 1: Sleep\n\n- **Importance (0-10):** a lot\n"
        try text.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        let result = try runGoalplan(["revisit", "plan.md"], input: "5\n", in: folder)
        #expect(result.status == 65)
        #expect(
            result.errors
                == "goalplan: error: plan.md:7: 'Importance (0-10)' should be a number from 0 to 10, not 'a lot'. The plan was not changed; fix that line and try again.\n"
        )
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.md"])
    }

    @Test func helpTeachesTheCommands() throws {
        let result = try runGoalplan(["--help"], in: try Here.temporaryFolder())
        #expect(result.status == 0)
        for phrase in [
            "start (default)", "flows", "check", "not a crisis service", "goalplan start intake --out plan.md",
        ] {
            #expect(result.output.contains(phrase))
        }
        let start = try runGoalplan(["help", "start"], in: try Here.temporaryFolder())
        for phrase in ["--answers <file>", "--out <path>", "--prompts <dir>", "never overwritten", ":help"] {
            #expect(start.output.contains(phrase), "\(start.output)")
        }
    }
}
