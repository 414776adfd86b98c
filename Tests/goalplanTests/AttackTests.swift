import Foundation
import Testing

/// What a demanding reviewer tries: the wrong plan, edits while a revisit is open, huge and
/// odd files, text that drives a terminal, signals, pastes, and a full disk. Each through the
/// binary.
@Suite(.serialized) struct AttackTests {
    static let intakePlan = Here.fixtures + "/intake-plan.md"
    /// All of a revisit of the intake plan, piped.
    static let wholeRevisit = "4\n\n\n\n\n\n1\n\n5\n\n\n\n\n\n1\n\n\n\n\n"

    func plan(_ folder: String, name: String? = nil) throws -> String {
        var text = try String(contentsOfFile: Self.intakePlan, encoding: .utf8)
        if let name { text = text.replacingOccurrences(of: "# Goal plan: Sam", with: "# Goal plan: \(name)") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        return text
    }

    @Test func aDraftUpdatesThePlanItWasMadeForWhateverFolderItIsResumedIn() throws {
        let root = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": root + "/state"]
        _ = try plan(root + "/sam")
        let alex = try plan(root + "/alex", name: "Alex")
        var result = try runGoalplan(
            ["revisit", "plan.md", "--date", "2026-12-11"], input: "4\n\nmy sister helped\n", in: root + "/sam",
            environment: state)
        #expect(result.status == 66)
        // Resumed in Alex's folder, it still updates Sam's plan, and says so.
        result = try runGoalplan(
            ["resume"], input: "\n\n\n1\n\n5\n\n\n\n\n\n1\n\n\n\n\n", in: root + "/alex", environment: state)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Carrying on with the plan of Sam, started 2026-11-27 at \(root)/sam/plan.md"))
        #expect(try String(contentsOfFile: root + "/sam/plan.md", encoding: .utf8).contains("my sister helped"))
        #expect(try String(contentsOfFile: root + "/alex/plan.md", encoding: .utf8) == alex)
    }

    @Test func aDraftIsNotPutIntoAnotherPersonsPlan() throws {
        let root = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": root + "/state"]
        _ = try plan(root + "/sam")
        var result = try runGoalplan(
            ["revisit", "plan.md"], input: "4\n\nmy sister helped\n", in: root + "/sam", environment: state)
        #expect(result.status == 66)
        // Sam's file now holds Alex's plan.
        let alex = try plan(root + "/sam", name: "Alex")
        result = try runGoalplan(["resume"], input: "\n\n\n1\n\n", in: root, environment: state)
        #expect(result.status == 65)
        #expect(result.errors.contains("this draft updates the plan of Sam, started 2026-11-27"))
        #expect(result.errors.contains("now holds the plan of Alex"))
        #expect(try String(contentsOfFile: root + "/sam/plan.md", encoding: .utf8) == alex)
    }

    /// A whole revisit on a pseudo-terminal, with the plan edited by `edit` (as in an editor)
    /// once the questions are open. Returns the folder, the edited text and the exit status.
    func revisitEditedMeanwhile(
        _ edit: (String) -> String
    ) throws -> (folder: String, edited: String, status: Int32, screen: String) {
        let folder = try Here.temporaryFolder()
        _ = try plan(folder)
        let tty = try PseudoTerminal(
            Here.binary, ["revisit", "plan.md", "--date", "2026-12-11"], folder: folder,
            environment: SafetyTests.environment(folder))
        var seen = try tty.waitFor("Where are you now")
        let text = edit(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8))
        try text.write(toFile: folder + "/plan.md", atomically: false, encoding: .utf8)
        for answer in ["4", "", "", "", "", "", "1", "", "5", "", "", "", "", "", "1", "", "", "", ""] {
            seen = try tty.waitFor(anyOf: ["> ", "  - "], after: seen)
            tty.type(answer + "\r")
        }
        let status = try tty.waitForExit()
        return (folder, text, status, tty.screen)
    }

    @Test func anEditMadeWhileRevisitIsOpenIsKept() throws {
        // A box ticked in an editor while the questions are open.
        let run = try revisitEditedMeanwhile {
            $0.replacingOccurrences(
                of: "- [ ] No phone after 10 pm on weeknights", with: "- [x] No phone after 10 pm on weeknights")
        }
        #expect(run.status == 0)
        let updated = try String(contentsOfFile: run.folder + "/plan.md", encoding: .utf8)
        #expect(updated.contains("- [x] No phone after 10 pm on weeknights"))
        #expect(updated.contains("#### 11 December 2026\n\n- **Progress (0-10):** 4"))
        // The copy kept beside it is the version it replaced: the ticked one.
        #expect(try String(contentsOfFile: run.folder + "/plan.before-2026-12-11.md", encoding: .utf8) == run.edited)
        #expect(run.screen.contains("was changed while you answered"))
    }

    @Test func anEditThatChangesTheGoalsIsNotOverwritten() throws {
        let run = try revisitEditedMeanwhile {
            $0.replacingOccurrences(of: "## Goal 2: Talk calmly when we disagree", with: "## Goal 2: Something new")
        }
        #expect(run.status == 75)
        #expect(try String(contentsOfFile: run.folder + "/plan.md", encoding: .utf8) == run.edited)
        let ours = try String(contentsOfFile: run.folder + "/plan.revisit-2026-12-11.md", encoding: .utf8)
        #expect(ours.contains("#### 11 December 2026\n\n- **Progress (0-10):** 4"))
        #expect(run.screen.contains("left as it is"))
    }

    @Test func aPlanTooLargeIsRefusedNotCut() throws {
        let folder = try Here.temporaryFolder()
        var text = try String(contentsOfFile: Self.intakePlan, encoding: .utf8)
        text += "\n## My own notes\n\n" + String(repeating: "A line of notes that goes on and on. ", count: 470_000)
        try text.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        for args in [["show", "plan.md"], ["export", "plan.md"], ["revisit", "plan.md"]] {
            let result = try runGoalplan(args, input: Self.wholeRevisit, in: folder)
            #expect(result.status == 65, "\(args)")
            #expect(result.errors.contains("more than the 16.0 MiB goalplan reads"), "\(args): \(result.errors)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.md"])
    }

    @Test func flowsAndPlansCannotDriveTheTerminal() throws {
        let folder = try Here.temporaryFolder()
        let flow = """
            id: evil
            title: "Hello\\e]0;owned\\a"
            intro: "\\e[2J\\e]52;c;Y2xpcA==\\aWelcome \\u202Eevil"
            questions:
              - id: a
                ask: "First\\e]8;;http://x\\a?"
                type: choice
                choices: ["One\\x9b31m", "Two"]
              - id: b
                ask: Second?
            """
        try FileManager.default.createDirectory(atPath: folder + "/flows", withIntermediateDirectories: true)
        try flow.write(toFile: folder + "/flows/evil.yaml", atomically: true, encoding: .utf8)
        let check = try runGoalplan(["check", "flows/evil.yaml"], in: folder)
        #expect(check.status == 65)
        #expect(check.output.components(separatedBy: "[GP032]").count - 1 == 4)
        #expect(!check.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        // Run anyway (from a folder goalplan trusts), nothing of it reaches the screen or the plan.
        let run = try runGoalplan(
            ["start", "evil", "--prompts", "flows", "--out", "plan.md"], input: "1\nsome \u{1B}[31mred\n\n", in: folder)
        #expect(run.status == 65, "a flow with errors does not run")
        let show = folder + "/hand.md"
        try
            "# Goal plan: Sam\u{1B}]0;x\u{07}\n\nStarted 27 November 2026\n\n## What brought me here\n\n- \u{1B}[2Jcleared \u{202E}txet\n"
            .write(toFile: show, atomically: true, encoding: .utf8)
        let shown = try runGoalplan(["show", "hand.md"], in: folder)
        #expect(shown.status == 0, "\(shown.errors)")
        #expect(shown.output.contains("cleared"))
        #expect(!shown.output.unicodeScalars.contains { [0x1B, 0x07, 0x202E].contains($0.value) })
    }

    @Test func aSignalAtAPromptReachesGoalplanAloneAndRestoresTheTerminal() throws {
        let folder = try Here.temporaryFolder()
        // A wrapper script in the same process group, with a trap for SIGTERM.
        let script = """
            trap 'echo trapped >> \(folder)/wrapper.txt' TERM
            '\(Here.binary)' start echo --prompts '\(Here.fixtures)' --out plan.md
            echo "goalplan ended $?" >> \(folder)/wrapper.txt
            """
        let tty = try PseudoTerminal(
            "/bin/sh", ["-c", script], folder: folder, environment: SafetyTests.environment(folder))
        _ = try tty.waitFor("First?")
        try tty.waitForRawMode()
        let children = try String(contentsOfFile: "/proc/\(tty.pid)/task/\(tty.pid)/children", encoding: .utf8)
        let goalplan = try #require(Int32(children.trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(goalplan, SIGTERM)
        #expect(try tty.waitForExit() == 0)
        let log = try String(contentsOfFile: folder + "/wrapper.txt", encoding: .utf8)
        #expect(log == "goalplan ended 143\n", "the wrapper's trap did not fire")
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test(arguments: [SIGUSR1, SIGALRM, SIGQUIT])
    func otherSignalsLeaveTheTerminalAsItWas(_ signal: Int32) throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary, ["start", "echo", "--prompts", Here.fixtures, "--out", "plan.md"], folder: folder,
            environment: SafetyTests.environment(folder))
        _ = try tty.waitFor("First?")
        try tty.waitForRawMode()
        kill(tty.pid, signal)
        #expect(try tty.waitForExit() == 128 + signal)
        #expect(tty.isInCookedModeWithEcho)
    }

    @Test func ctrlZSuspendsAndFgCarriesOn() throws {
        let folder = try Here.temporaryFolder()
        // A shell with job control, as at a prompt: goalplan runs as its own job.
        let script = """
            set -m
            '\(Here.binary)' start echo --prompts '\(Here.fixtures)' --out plan.md
            echo "[shell has the terminal]"
            read carry_on
            fg
            """
        let tty = try PseudoTerminal(
            "/bin/bash", ["--norc", "--noprofile", "-c", script], folder: folder,
            environment: SafetyTests.environment(folder))
        var seen = try tty.waitFor("First?")
        try tty.waitForRawMode()
        let children = try String(contentsOfFile: "/proc/\(tty.pid)/task/\(tty.pid)/children", encoding: .utf8)
        let goalplan = try #require(Int32(children.trimmingCharacters(in: .whitespacesAndNewlines)))
        func state() throws -> String {
            let stat = try String(contentsOfFile: "/proc/\(goalplan)/stat", encoding: .utf8)
            return String(stat.split(separator: ")").last?.split(separator: " ").first ?? "")
        }
        tty.type("half a line\u{1A}")
        seen = try tty.waitFor("[shell has the terminal]", after: seen)
        #expect(try state() == "T", "stopped")
        #expect(tty.isInCookedModeWithEcho, "the terminal is given back while stopped")
        // The shell's `read` takes a line: the terminal is usable.
        tty.typeInLineMode(Array("\r".utf8))
        seen = try tty.waitFor("half a line", after: seen)
        try tty.waitForRawMode()
        tty.type(" after fg\r")
        seen = try tty.waitFor("Second?", after: seen)
        tty.type("b\r")
        seen = try tty.waitFor("Press Enter to save your plan", after: seen)
        tty.type("\r")
        #expect(try tty.waitForExit() == 0)
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8).contains("half a line after fg"))
    }

    @Test func aPipeOrDeviceIsRefusedWithoutWaiting() throws {
        let folder = try Here.temporaryFolder()
        #expect(mkfifo(folder + "/plan.md", 0o600) == 0)
        #expect(mkfifo(folder + "/answers.yaml", 0o600) == 0)
        let started = Date()
        for args in [
            ["show", "plan.md"], ["revisit", "plan.md"],
            ["start", "echo", "--prompts", Here.fixtures, "--answers", "answers.yaml", "--out", "out.md"],
        ] {
            let result = try runGoalplan(args, in: folder)
            #expect(result.status == 66, "\(args)")
            #expect(result.errors.contains("not a regular file"), "\(args): \(result.errors)")
        }
        // A stray pipe among the flows is not read either.
        try FileManager.default.createDirectory(atPath: folder + "/Prompts", withIntermediateDirectories: true)
        #expect(mkfifo(folder + "/Prompts/stray.yaml", 0o600) == 0)
        let flows = try runGoalplan(["flows"], in: folder)
        #expect(flows.output.contains("intake"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func aLongPasteStopsAtTheMostAListTakes() throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary, ["start", "tour", "--prompts", Here.fixtures, "--out", "plan.md"], folder: folder,
            environment: SafetyTests.environment(folder))
        var seen = try tty.waitFor("What would you like to be called?")
        tty.type("Sam\r")
        seen = try tty.waitFor("What is on your mind?", after: seen)
        seen = try tty.waitFor("  - ", after: seen)
        tty.type((1...40).map { "pasted \($0)\r" }.joined())
        seen = try tty.waitFor("That is 3, the most this question takes.", after: seen)
        seen = try tty.waitFor("What would be different?", after: seen)
        usleep(300_000)
        #expect(!tty.screen[seen...].contains("pasted 4"), "the rest is not fed to the next question")
        #expect(tty.screen.contains("The rest of what was pasted was not used."))
    }

    @Test func aFullDiskOnStandardOutputIsAnError() throws {
        let folder = try Here.temporaryFolder()
        _ = try plan(folder)
        for args in [["show", "plan.md"], ["flows"], ["check", Here.fixtures + "/echo.yaml"], ["--help"]] {
            let status = try shell(
                "'\(Here.binary)' \(args.map { "'\($0)'" }.joined(separator: " ")) > /dev/full", in: folder)
            #expect(status == 74, "\(args)")
        }
    }

    @Test func revisitThroughALinkUpdatesTheFileItPointsTo() throws {
        let folder = try Here.temporaryFolder()
        _ = try plan(folder + "/real")
        #expect(symlink(folder + "/real/plan.md", folder + "/link.md") == 0)
        let result = try runGoalplan(
            ["revisit", "link.md", "--date", "2026-12-11"], input: Self.wholeRevisit, in: folder)
        #expect(result.status == 0, "\(result.errors)")
        var info = stat()
        #expect(lstat(folder + "/link.md", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK, "still a link")
        #expect(
            try String(contentsOfFile: folder + "/real/plan.md", encoding: .utf8).contains(
                "#### 11 December 2026\n\n- **Progress (0-10):** 4"))
        #expect(FileManager.default.fileExists(atPath: folder + "/real/plan.before-2026-12-11.md"))
    }

    @Test func anExportNeverReplacesItsOwnPlan() throws {
        let folder = try Here.temporaryFolder()
        let text = try plan(folder)
        let result = try runGoalplan(
            ["export", "plan.md", "--client-copy", "--format", "markdown", "--out", "./plan.md", "--force"], in: folder)
        #expect(result.status == 74)
        #expect(result.errors.contains("that is the plan being exported"))
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8) == text)
        let out = try runGoalplan(["export", "plan.md", "--format", "json", "--out", "-"], in: folder)
        #expect(out.output.hasPrefix("{"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/-"))
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let folder = try Here.temporaryFolder()
        let text = try String(contentsOfFile: Self.intakePlan, encoding: .utf8)
        try ("\u{FEFF}" + text).write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        #expect(try runGoalplan(["show", "plan.md"], in: folder).status == 0)
        try "\u{FEFF}first: one\nsecond: two\n".write(
            toFile: folder + "/answers.yaml", atomically: true, encoding: .utf8)
        let run = try runGoalplan(
            ["start", "echo", "--prompts", Here.fixtures, "--answers", "answers.yaml", "--out", "out.md"], in: folder)
        #expect(run.status == 0, "\(run.errors)")
    }

    @Test func largeAndDamagedDraftsAreListedAndDeleted() throws {
        let folder = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": folder + "/state"]
        let drafts = folder + "/state/goalplan"
        try FileManager.default.createDirectory(atPath: drafts, withIntermediateDirectories: true)
        let big = String(repeating: "long answer ", count: 200_000)
        let draft = """
            {"version":2,"flowID":"echo","mode":"self","date":"2026-11-27","savedAt":"2026-11-27 10:00","answered":1,\
            "answers":{"values":{"first":{"text":{"_0":"\(big)"}}},"groups":{}}}
            """
        try draft.write(toFile: drafts + "/echo-1-1.json", atomically: true, encoding: .utf8)
        try "not a draft".write(toFile: drafts + "/echo-2-2.json", atomically: true, encoding: .utf8)
        let list = try runGoalplan(["drafts"], in: folder, environment: state)
        #expect(list.output.contains("1. echo, saved 2026-11-27 10:00, 1 answer"), "\(list.output)")
        #expect(list.output.contains("A draft goalplan cannot read: \(drafts)/echo-2-2.json"))
        let deleted = try runGoalplan(["drafts", "--delete", "all"], in: folder, environment: state)
        #expect(deleted.output == "Deleted 2 drafts.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: drafts).isEmpty)
    }
}
