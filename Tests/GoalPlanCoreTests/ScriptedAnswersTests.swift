import Foundation
import GoalPlanCore
import Testing

@Suite struct ScriptedAnswersTests {
    @Test func feedsAWholeRunThroughTheSameChecks() throws {
        let flow = try #require(Fixtures.flow(Fixtures.goalsYAML))
        let file = """
            name: no
            goals:
              - title: Sleep
                rating: 2
              - title: Walk
                rating: "7"
            """
        let answers = try ScriptedAnswers.read(Array(file.utf8), for: flow).get()
        var session = Session(flow: flow, today: Fixtures.today)
        while let step = session.current {
            session.submit(answers.input(for: step) ?? [])
        }
        // "no" stays the name the person gave, not a boolean.
        #expect(session.answers.values["name"] == .text("no"))
        #expect(session.answers.groups["goals"]?.rounds.map { $0.values["title"] } == [.text("Sleep"), .text("Walk")])
        #expect(session.answers.groups["goals"]?.rounds.map { $0.values["rating"] } == [.number(2), .number(7)])
    }

    @Test func namesUnknownKeysWithASuggestion() throws {
        let flow = try #require(Fixtures.flow(Fixtures.goalsYAML))
        let result = ScriptedAnswers.read(Array("nmae: Sam\ngoals:\n  - titel: x\n".utf8), for: flow)
        guard case .failure(let problems) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(
            problems.items.map(\.message) == [
                "'nmae' is not a question here; did you mean 'name'?",
                "'titel' is not a question here; did you mean 'title'?",
            ])
        #expect(
            problems.items.map(\.location) == [SourceLocation(line: 1, column: 1), SourceLocation(line: 3, column: 5)])
    }

    @Test func refusesMoreRoundsThanTheFlowAllows() throws {
        let flow = try #require(Fixtures.flow(Fixtures.goalsYAML))
        let result = ScriptedAnswers.read(Array("goals: [{title: a}, {title: b}, {title: c}]\n".utf8), for: flow)
        guard case .failure(let problems) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.items.map(\.message) == ["'goals' has 3 rounds; the flow allows at most 2"])
    }
}

@Suite struct PromptsFolderTests {
    /// The top-level Prompts/ folder of this checkout.
    static let folder: String = Fixtures.repository + "/Prompts"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") && $0 != "safety.yaml" && FlowTranslation.language(ofFile: $0) == nil }
            .sorted()
    }

    @Test func thereAreFlows() {
        #expect(Self.files.contains("intake.yaml"))
    }

    @Test(arguments: files)
    func everyFlowLoadsAndChecksClean(_ name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: "\(Self.folder)/\(name)"))
        let result = FlowLoader.load(
            Array(bytes), path: "Prompts/\(name)", expectedID: String(name.dropLast(5)),
            resolve: { id in
                FileManager.default.contents(atPath: "\(Self.folder)/\(id).yaml").map {
                    (Array($0), "Prompts/\(id).yaml")
                }
            })
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.flow != nil)
    }
}
