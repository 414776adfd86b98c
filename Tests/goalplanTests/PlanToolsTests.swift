import Foundation
import Testing

/// What the binary does with a plan that went through other tools: what it keeps as it is,
/// it says; what it would lose, it refuses to write.
@Suite struct PlanToolsTests {
    static func sharedPlan(_ folder: String, edit: (String) -> String = { $0 }) throws -> String {
        let text = try String(contentsOfFile: Here.fixtures + "/shared-plan.md", encoding: .utf8)
        try edit(text).write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        return edit(text)
    }

    @Test func commandsSayWhatTheyKeptAsItIs() throws {
        let folder = try Here.temporaryFolder()
        _ = try Self.sharedPlan(folder) {
            $0.replacingOccurrences(
                of: "### If something gets in the way", with: "> Said in passing\n\n### If something gets in the way")
        }
        for arguments in [["show", "plan.md"], ["export", "plan.md", "--format", "json", "--out", "-"]] {
            let result = try runGoalplan(arguments, in: folder)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.contains("kept as it is in plan.md"), "\(arguments): \(result.errors)")
            #expect(result.errors.contains("a quote in Goal 1 / Steps"))
            #expect(result.output.contains("Said in passing"))
        }
    }

    @Test func aRevisitThatWouldLoseTextRefusesAndChangesNothing() throws {
        let folder = try Here.temporaryFolder()
        let text = try Self.sharedPlan(folder) {
            $0.replacingOccurrences(of: "6 on 8 January 2027", with: "6 on 8 January 2027, and my own remark")
        }
        let result = try runGoalplan(["revisit", "plan.md", "--date", "2027-02-01"], input: "", in: folder)
        #expect(result.status == 65)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("my own remark") }! + 1
        #expect(result.errors.contains("plan.md:\(line): goalplan cannot place 'own remark'"), "\(result.errors)")
        #expect(result.errors.contains("The plan was not changed"))
        #expect(try String(contentsOfFile: folder + "/plan.md", encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["plan.md"])
        // Showing it warns, and shows the rest.
        let show = try runGoalplan(["show", "plan.md"], in: folder)
        #expect(show.status == 0)
        #expect(show.errors.contains("cannot place 'own remark'"))
    }

    @Test func levelsOfAnyLengthAreShownAndExported() throws {
        let folder = try Here.temporaryFolder()
        _ = try Self.sharedPlan(folder) {
            $0.replacingOccurrences(of: "| -1 | Six hours some nights |\n", with: "")
                .replacingOccurrences(of: "| +1 | Seven hours on six nights |\n", with: "")
        }
        let show = try runGoalplan(["show", "plan.md", "--width", "100"], in: folder)
        #expect(show.output.contains("-2  Five hours most nights"), "\(show.output)")
        #expect(show.output.contains(" 0  Seven hours on five nights"))
        #expect(!show.output.contains("-1 "))
        let html = try runGoalplan(["export", "plan.md", "--out", "-"], in: folder)
        #expect(html.output.contains("<td>0 (expected)</td><td>Seven hours on five nights</td>"))
        let markdown = try runGoalplan(["export", "plan.md", "--format", "markdown", "--out", "-"], in: folder)
        #expect(markdown.output.contains("- **0 (expected):** Seven hours on five nights\n- **+2"))
    }

    @Test func aByteOrderMarkAndWindowsLineEndingsReadTheSame() throws {
        let folder = try Here.temporaryFolder()
        _ = try Self.sharedPlan(folder)
        let plain = try runGoalplan(["export", "plan.md", "--format", "json", "--out", "-"], in: folder)
        _ = try Self.sharedPlan(folder) { "\u{FEFF}" + $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let windows = try runGoalplan(["export", "plan.md", "--format", "json", "--out", "-"], in: folder)
        #expect(windows.status == 0, "\(windows.errors)")
        #expect(windows.output == plain.output)
    }
}
