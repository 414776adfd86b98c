import GoalPlanCore
import Testing

/// A flow marked `part: goal` holds one goal's questions: it is checked on its own as if inside
/// a goal, included inside a goal group (or a walk over the goals), and nowhere else.
@Suite struct GoalPartTests {
    static let files: [String: String] = [
        "define": """
        id: define
        title: The goal
        part: goal
        questions:
          - id: goal
            ask: What is the goal?
            into: goal.title
          - id: sharper
            ask: Could you make "{{goal}}" more exact?
            into: goal.title
        """,
        "plan-steps": """
        id: plan-steps
        title: Steps
        part: goal
        questions:
          - id: steps
            ask: What are the steps towards "{{goal.title}}"?
            type: list
            into: goal.steps
        """,
        "both": """
        id: both
        title: Both
        questions:
          - id: name
            ask: Your name?
          - group: goals
            title: Goal
            into: goals
            repeat: {min: 1, max: 2, more: Another?}
            questions:
              - include: define
              - include: plan-steps
          - id: review
            ask: Anything else?
        """,
        "loose": """
        id: loose
        title: Loose
        questions:
          - include: plan-steps
        """,
    ]

    static func load(_ id: String) -> FlowLoader.Result {
        FlowLoader.load(
            files[id] ?? "", path: "\(id).yaml", expectedID: id,
            resolve: { files[$0].map { (Array($0.utf8), "\($0).yaml") } })
    }

    @Test func aPartChecksCleanOnItsOwnAndSaysSo() throws {
        let result = Self.load("plan-steps")
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.flow?.part == .goal)
    }

    @Test func aPartOutsideAGoalGroupIsRefused() {
        let messages = Self.load("loose").diagnostics.map(\.description).joined(separator: "\n")
        #expect(messages.contains("holds the questions for one goal, so it must be included inside a goal group"))
    }

    @Test func stepsComeRightAfterEachGoalAndNameItsSharperWording() throws {
        let flow = try #require(Self.load("both").flow)
        var session = Session(flow: flow, today: Fixtures.today)
        #expect(session.submit(["Sam"]) == .accepted(.text("Sam")))
        #expect(session.submit(["Sleep better"]) == .accepted(.text("Sleep better")))
        session.submit(["Sleep seven hours"])
        guard case .question(let steps) = session.current else {
            Issue.record("expected the steps question")
            return
        }
        #expect(steps.path.description == "goals[1].steps")
        #expect(steps.question.ask == "What are the steps towards \"Sleep seven hours\"?")
        // The goal's round is the part the count is kept in: three questions, this the third.
        #expect(session.progress(of: steps) == Progress(part: "Goal 1 of up to 2", number: 3, total: 3))
    }

    @Test func progressNeverGoesBackAsGoalsAreAdded() throws {
        let flow = try #require(Self.load("both").flow)
        var session = Session(flow: flow, today: Fixtures.today)
        var seen: [(String?, Int, Int)] = []
        let typing = ["Sam", "Sleep", "", "Rest", "y", "Walk", "", "Lunch walk", "Nothing"]
        for line in typing {
            if case .question(let q) = session.current {
                let p = session.progress(of: q)
                seen.append((p.part, p.number, p.total))
            }
            session.submit(line.isEmpty ? [] : [line])
        }
        #expect(session.isFinished)
        // Within each part the number only goes up, and never past the total.
        for (a, b) in zip(seen, seen.dropFirst()) where a.0 == b.0 {
            #expect(b.1 > a.1, "\(a) then \(b)")
        }
        #expect(seen.allSatisfy { $0.1 <= $0.2 })
        #expect(seen.map(\.0).contains("Goal 2 of up to 2"))
    }
}
