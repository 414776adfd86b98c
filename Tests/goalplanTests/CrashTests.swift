import Foundation
import GoalPlanCore
import Testing

/// goalplan killed with SIGKILL at random moments while it updates a plan: afterwards the plan
/// is the old file or the new one, whole, any draft reads back with only answers that were
/// typed, and no temporary copy is left once goalplan runs again.
///
/// The moments are drawn from a seeded generator (the seed is printed; `GOALPLAN_CRASH_SEED`
/// repeats a run) over the time a whole run takes on this machine, measured first, so kills
/// land before the plan is written, while a file is being written (a temporary left behind),
/// and after; the test fails unless kills landed both before and after.
@Suite struct CrashTests {
    static let runs = 200

    @Test func killedAtRandomMomentsLosesNothing() throws {
        let folder = try Here.temporaryFolder()
        let original = try String(contentsOfFile: Here.fixtures + "/intake-plan.md", encoding: .utf8)
        let input = "4\n\nThe walks\nLate nights\n2\n\n1\nIt is working\n6\n\n\n\n\n\n2\n\nMake it weekly\n\n\n\n"
        let typed: Set<String> = ["The walks", "Late nights", "It is working", "Make it weekly"]
        let seed =
            ProcessInfo.processInfo.environment["GOALPLAN_CRASH_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var generator = SeededGenerator(seed: seed)
        // How long a whole run takes here: kills are spread over 0 to 1.3 times that.
        try original.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        let whole = try clock.measure {
            _ = try runGoalplan(
                ["revisit", "plan.md", "--date", "2026-12-11"], input: input, in: folder,
                environment: ["XDG_STATE_HOME": folder + "/state"])
        }
        let microseconds = Double(whole.components.seconds) * 1e6 + Double(whole.components.attoseconds) / 1e12
        let span = UInt32(min(2_000_000, max(20_000, microseconds * 1.3)))
        try? FileManager.default.removeItem(atPath: folder + "/state")
        var (old, new, drafts, during) = (0, 0, 0, 0)
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
            usleep(UInt32.random(in: 0...span, using: &generator))
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
            let temporaries =
                ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                + ((try? FileManager.default.contentsOfDirectory(atPath: state + "/goalplan")) ?? [])
            if temporaries.contains(where: { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }) { during += 1 }
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
            "Crash test (seed \(seed), kills over 0-\(span / 1000) ms): \(Self.runs) runs killed with SIGKILL;"
                + " before the plan was written \(old), after \(new), with a temporary file left mid-write"
                + " \(during); drafts checked \(drafts)")
        #expect(old > 0, "no kill landed before the plan was written (seed \(seed))")
        #expect(new > 0, "no kill landed after the plan was written (seed \(seed))")
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
