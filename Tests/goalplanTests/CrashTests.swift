import Foundation
import GoalPlanCore
import Testing

/// goalplan killed with SIGKILL at random moments while it updates a plan: afterwards the plan
/// is the old file or the new one, whole, any draft reads back with only answers that were
/// typed, and no temporary copy is left once goalplan runs again.
@Suite struct CrashTests {
    static let runs = 200

    @Test func killedAtRandomMomentsLosesNothing() throws {
        let folder = try Here.temporaryFolder()
        let original = try String(contentsOfFile: Here.snapshots + "/intake.plan.md", encoding: .utf8)
        let input = "4\n\nThe walks\nLate nights\n2\n\n1\nIt is working\n6\n\n\n\n\n\n2\n\nMake it weekly\n\n\n\n"
        let typed: Set<String> = ["The walks", "Late nights", "It is working", "Make it weekly"]
        var generator = SystemRandomNumberGenerator()
        var (old, new, drafts) = (0, 0, 0)
        for run in 0..<Self.runs {
            try original.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
            let state = folder + "/state"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Here.binary)
            process.arguments = ["revisit", "plan.md", "--date", "2026-12-11"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.environment = ["XDG_STATE_HOME": state, "NO_COLOR": "1", "HOME": folder]
            let stdin = Pipe()
            process.standardInput = stdin
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            // Anywhere from before the first answer to after the plan is written.
            usleep(UInt32.random(in: 0...90_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
            if plan == original {
                old += 1
            } else {
                new += 1
                let read = try MarkdownReader.read(plan)
                #expect(read.goals.first?.reviews.last?.rating == 4, "run \(run): a new plan that is not whole")
                #expect(plan.hasSuffix("\n"))
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: state + "/goalplan")) ?? []
            where !name.hasPrefix(".") {
                drafts += 1
                let bytes = try #require(FileManager.default.contents(atPath: state + "/goalplan/" + name))
                let draft = try #require(Draft.decode(Array(bytes)), "run \(run): a draft that does not read back")
                for text in Self.texts(in: draft.answers) {
                    #expect(typed.contains(text), "run \(run): '\(text)' in the draft was never typed")
                }
                try FileManager.default.removeItem(atPath: state + "/goalplan/" + name)
            }
            // The next write clears what a killed run left half-written.
            try Files_removeStale(folder + "/plan.md")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "run \(run): \(leftovers)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasPrefix("plan.before-")
            {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
        // Listing the drafts clears what killed runs left half-written there too.
        _ = try runGoalplan(["drafts"], in: folder, environment: ["XDG_STATE_HOME": folder + "/state"])
        let stateLeftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/state/goalplan")) ?? []
        #expect(stateLeftovers.isEmpty, "\(stateLeftovers)")
        print(
            "Crash test: \(Self.runs) runs killed with SIGKILL; plan old \(old), new \(new); drafts checked \(drafts)")
        #expect(old + new == Self.runs)
    }

    /// Every text answer in a draft.
    static func texts(in answers: Answers) -> [String] {
        answers.values.values.compactMap { if case .text(let t) = $0 { t } else { nil } }
            + answers.groups.values.flatMap(\.rounds).flatMap(texts(in:))
    }
}

/// The binary's own cleanup of stale temporaries, as the next run does it.
func Files_removeStale(_ path: String) throws {
    _ = try runGoalplan(
        ["export", path, "--format", "json", "--out", path + ".json", "--force"], in: Files_parent(path))
    try? FileManager.default.removeItem(atPath: path + ".json")
}

func Files_parent(_ path: String) -> String {
    (path as NSString).deletingLastPathComponent
}
