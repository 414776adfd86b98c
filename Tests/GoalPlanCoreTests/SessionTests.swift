import GoalPlanCore
import Testing

@Suite struct SessionTests {
    func session() throws -> Session {
        Session(flow: try #require(Fixtures.flow(Fixtures.goalsYAML)), today: Fixtures.today)
    }

    func questionStep(_ session: Session) throws -> QuestionStep {
        guard case .question(let step) = session.current else {
            Issue.record("expected a question, got \(String(describing: session.current))")
            throw CancellationError()
        }
        return step
    }

    @Test func walksQuestionsInOrderWithPositions() throws {
        var s = try session()
        var step = try questionStep(s)
        #expect(step.path.description == "name")
        #expect((step.number, step.total) == (1, 4))
        #expect(s.submit(["Sam"]) == .accepted(.text("Sam")))
        step = try questionStep(s)
        #expect(step.path.description == "goals[1].title")
        #expect(step.context.first?.label == "Goal 1 of up to 2")
        #expect((step.number, step.total) == (2, 4))
    }

    @Test func requiredQuestionsAreAskedAgain() throws {
        var s = try session()
        s.submit(["Sam"])
        #expect(s.submit([""]) == .invalid("This question needs an answer."))
        #expect(try questionStep(s).path.description == "goals[1].title")
        #expect(s.submit(["Sleep"]) == .accepted(.text("Sleep")))
        #expect(s.submit(["11"]) == .invalid("Please give a whole number from 0 to 10."))
        #expect(try questionStep(s).path.description == "goals[1].rating")
    }

    @Test func repeatsAGroupUntilThePersonSaysNo() throws {
        var s = try session()
        s.submit(["Sam"])
        s.submit(["Sleep"])
        s.submit(["2"])
        guard case .another(let another) = s.current else {
            Issue.record("expected the another-goal step")
            return
        }
        #expect(another.ask == "Another goal?")
        #expect(another.roundsSoFar == 1)
        #expect(s.submit(["maybe"]) == .invalid("Please answer yes or no (y or n)."))
        #expect(s.submit(["y"]) == .accepted(.yes(true)))
        let step = try questionStep(s)
        #expect(step.path.description == "goals[2].title")
        #expect((step.number, step.total) == (4, 6))
        s.submit(["Walk"])
        s.submit(["5"])
        // The group is full at max 2: no further "another?" step.
        #expect(try questionStep(s).path.description == "extra")
        s.submit([""])
        #expect(s.isFinished)
        #expect(s.submit(["late"]) == .finished)
        #expect(s.answers.groups["goals"]?.rounds.count == 2)
        #expect(
            s.answers.value(at: AnswerPath(rounds: [.init(groupID: "goals", index: 1)], questionID: "rating"))
                == .number(5))
        #expect(s.answers.values["extra"] == .skipped)
    }

    @Test func enterOnAnotherMeansNo() throws {
        var s = try session()
        s.submit(["Sam"])
        s.submit(["Sleep"])
        s.submit(["2"])
        #expect(s.submit([""]) == .accepted(.yes(false)))
        #expect(try questionStep(s).path.description == "extra")
        #expect(s.answers.groups["goals"]?.closed == true)
    }

    @Test func optionalGroupAsksFirstAndCanBeEmpty() throws {
        let flow = try #require(
            Fixtures.flow(
                """
                id: f
                title: F
                questions:
                  - group: worries
                    repeat: {min: 0, max: 3, more: Another worry?, first: Any worries?}
                    questions:
                      - id: worry
                        ask: What is it?
                  - id: last
                    ask: Last?
                """))
        var s = Session(flow: flow, today: Fixtures.today)
        guard case .another(let first) = s.current else {
            Issue.record("expected the first-round question")
            return
        }
        #expect(first.ask == "Any worries?")
        s.submit(["n"])
        #expect(try questionStep(s).path.description == "last")
        #expect(try questionStep(s).total == 1)
    }

    @Test func nestedGroupsKeepTheirOwnRounds() throws {
        let flow = try #require(
            Fixtures.flow(
                """
                id: nest
                title: Nest
                questions:
                  - group: goals
                    repeat: {min: 1, max: 2, more: Another goal?}
                    questions:
                      - id: title
                        ask: Goal?
                      - group: steps
                        repeat: {min: 1, max: 3, more: Another step?}
                        questions:
                          - id: step
                            ask: Step?
                """))
        var s = Session(flow: flow, today: Fixtures.today)
        for input in ["G1", "S1", "y", "S2", "n", "y", "G2", "T1", "n"] { s.submit([input]) }
        #expect(s.isFinished)
        let g2 = s.answers.groups["goals"]?.rounds[1]
        #expect(g2?.values["title"] == .text("G2"))
        #expect(g2?.groups["steps"]?.rounds.map { $0.values["step"] } == [.text("T1")])
        #expect(s.answers.groups["goals"]?.rounds[0].groups["steps"]?.rounds.count == 2)
    }
}
