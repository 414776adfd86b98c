import GoalPlanCore
import Testing

@Suite struct ConditionTests {
    static let answers: [String: ConditionValue] = [
        "area": .text("relationships"), "rating": .number(3), "feelings": .list(["calm", "tired"]),
        "name": .text("Sam"), "talked": .text("no"), "notes": .none, "review": .text("2026-12-11"),
    ]

    func holds(_ text: String) throws -> Bool {
        try Condition.parse(text).evaluate { Self.answers[$0.questionID] ?? .none }
    }

    static let truths: [(String, Bool)] = [
        ("area == 'relationships'", true),
        ("area == 'RELATIONSHIPS'", true),
        ("area != 'relationships'", false),
        ("rating <= 3", true),
        ("rating < 3", false),
        ("3 >= rating", true),
        ("rating > 2 and rating < 4", true),
        ("feelings contains 'Tired'", true),
        ("feelings contains 'hopeful'", false),
        ("name contains 'am'", true),
        ("not feelings contains 'hopeful'", true),
        ("talked == 'yes' or rating == 3", true),
        ("talked == 'yes' or (rating == 3 and area == 'work')", false),
        ("notes is answered", false),
        ("notes is empty", true),
        ("name is not empty", true),
        ("notes == 'x'", false),
        ("notes != 'x'", true),
        ("notes < 3", false),
        ("review < '2027-01-01'", true),
        ("not not (rating == 3)", true),
        ("rating == 3 or rating == 4 and area == 'work'", true),
    ]

    @Test(arguments: truths)
    func evaluates(_ c: (String, Bool)) throws {
        #expect(try holds(c.0) == c.1)
    }

    static let slips: [(String, String, Int)] = [
        ("a = 'x'", "use '==' to compare", 2),
        ("a == 'x", "text starting here has no closing '", 5),
        ("(a == 1", "'(' here is never closed", 0),
        ("a ==", "the condition ends too soon", 4),
        ("a", "a condition needs a comparison, such as 'a' == 'x', or 'is answered'", 1),
        ("a == 1 b == 2", "unexpected 'b' after a complete condition", 7),
        ("a is maybe", "expected 'answered' or 'empty' after 'is'", 5),
        ("'x' is answered", "'is answered' and 'is empty' follow a question id", 4),
        ("a == 1 and", "the condition ends too soon", 10),
        ("a & b", "unexpected character '&'", 2),
        ("a == and", "expected a question id, 'text' or a number, found 'and'", 5),
    ]

    @Test(arguments: slips)
    func reportsSlipsWithTheirColumn(_ c: (String, String, Int)) {
        #expect(throws: ConditionSyntaxError(message: c.1, offset: c.2)) { try Condition.parse(c.0) }
    }

    @Test func readsAsPlainWords() throws {
        #expect(
            try Condition.parse("rating <= 3 and not (area == 'work' or feelings contains 'calm')").words
                == "'rating' is at most 3 and not ('area' is \"work\" or 'feelings' includes \"calm\")")
    }

    @Test func templatesFindAndFillPlaceholders() {
        let text = "Hi {{name}}, how is {{ goals.goal }} going?"
        #expect(Template.references(in: text).map(\.name) == ["name", "goals.goal"])
        #expect(Template.references(in: text).map(\.offset) == [5, 23])
        #expect(Template.render(text) { $0.questionID.uppercased() } == "Hi NAME, how is GOAL going?")
        #expect(Template.render("no {{ closing", { _ in "x" }) == "no {{ closing")
        // Offsets count characters, whatever comes before; a lone brace is text.
        let wide = "Café 🌱 { {{ día }} }}"
        #expect(Template.references(in: wide).map(\.name) == ["día"])
        #expect(Template.references(in: wide).map(\.offset) == [12])
        #expect(Template.render(wide) { _ in "X" } == "Café 🌱 { X }}")
    }
}

@Suite struct BranchingSessionTests {
    static let yaml = """
        id: b
        title: B
        questions:
          - id: support
            ask: Anyone helping?
            type: yesno
            required: true
          - id: who
            ask: Who?
            when: support == 'yes'
          - id: wish
            ask: Would you like help?
            when: support == 'no'
          - group: goals
            repeat: {min: 1, max: 3, more: Another?}
            questions:
              - id: goal
                ask: Goal?
          - group: steps
            for_each: goals
            questions:
              - id: step
                ask: A step for {{goal}}?
        """

    func session() throws -> Session {
        Session(flow: try #require(Fixtures.flow(Self.yaml)), today: Fixtures.today)
    }

    func currentAsk(_ s: Session) -> String? {
        switch s.current {
        case .question(let q): q.question.ask
        case .another(let a): a.ask
        case nil: nil
        }
    }

    @Test func changingAnEarlierAnswerDropsAndAddsQuestions() throws {
        var s = try session()
        for input in ["y", "My sister", "Sleep", "n", "Earplugs"] { s.submit([input]) }
        #expect(s.isFinished)
        #expect(s.answers.values["who"] == .text("My sister"))
        // Back to the start and change "yes" to "no".
        s.jump(to: AnswerPath(questionID: "support").key)
        #expect(currentAsk(s) == "Anyone helping?")
        s.submit(["n"])
        #expect(s.answers.values["who"] == nil)
        #expect(currentAsk(s) == "Would you like help?")
        s.submit(["Maybe"])
        #expect(s.isFinished)
        #expect(s.answers.groups["steps"]?.rounds.first?.values["step"] == .text("Earplugs"))
    }

    @Test func backWalksStepByStepWithEarlierAnswers() throws {
        var s = try session()
        for input in ["y", "My sister", "Sleep"] { s.submit([input]) }
        #expect(currentAsk(s) == "Another?")
        let wentBack = s.back()
        #expect(wentBack)
        guard case .question(let goal) = s.current else {
            Issue.record("expected the goal question")
            return
        }
        #expect(goal.previous == .text("Sleep"))
        s.submit([""])  // Enter keeps the earlier answer...
        #expect(currentAsk(s) == "Another?")  // ...and moves on to the next step.
        let wentBackThrice = s.back() && s.back() && s.back()
        #expect(wentBackThrice)
        #expect(currentAsk(s) == "Anyone helping?")
        let atStart = !s.back()
        #expect(atStart)
    }

    @Test func forEachWalksEveryRoundAndDropsRoundsThatGo() throws {
        var s = try session()
        for input in ["n", "", "Sleep", "y", "Walk", "n"] { s.submit([input]) }
        #expect(currentAsk(s) == "A step for Sleep?")
        s.submit(["Earplugs"])
        #expect(currentAsk(s) == "A step for Walk?")
        s.submit(["Shoes"])
        #expect(s.answers.groups["steps"]?.rounds.count == 2)
        // Saying "no" to the second goal after all drops its round and its step.
        s.jump(to: .another(parentRounds: [], groupID: "goals", roundsSoFar: 1))
        s.submit(["n"])
        #expect(s.answers.groups["goals"]?.rounds.count == 1)
        #expect(s.answers.groups["steps"]?.rounds.count == 1)
        #expect(s.isFinished)
    }

    @Test func skipRefusesRequiredQuestions() throws {
        var s = try session()
        let refused = s.skip()
        #expect(refused == .invalid("This question needs an answer, so it cannot be skipped."))
        s.submit(["y"])
        let skipped = s.skip()
        #expect(skipped == .accepted(.skipped))
        #expect(currentAsk(s) == "Goal?")
    }
}
