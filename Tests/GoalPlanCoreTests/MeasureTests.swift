import Foundation
import GoalPlanCore
import Testing

/// Numbers in the flow language: scored choices, computed items, bands, words shown on the
/// way, measures and their rows in the plan.
@Suite struct MeasureTests {
    /// A flow from the Prompts folder, its includes resolved there.
    static func builtIn(_ id: String) throws -> Flow {
        let folder = Fixtures.prompts
        func read(_ id: String) -> (bytes: [UInt8], path: String)? {
            FileManager.default.contents(atPath: "\(folder)/\(id).yaml").map { (Array($0), "\(id).yaml") }
        }
        let file = try #require(read(id))
        let result = FlowLoader.load(file.bytes, path: file.path, expectedID: id, resolve: read)
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.flow)
    }

    /// Answers every step in turn with the next input (Enter once the inputs run out).
    static func run(_ flow: Flow, _ inputs: [String], today: CalendarDate = Fixtures.today, base: Plan? = nil)
        -> Session
    {
        var session = Session(flow: flow, today: today, base: base)
        var queue = inputs[...]
        var guardCount = 0
        while session.current != nil, guardCount < 500 {
            guardCount += 1
            if case .question(let q) = session.current, q.question.type == .display {
                session.submit([])
                continue
            }
            let line = queue.popFirst() ?? ""
            if case .invalid(let why) = session.submit([line]) {
                Issue.record("input '\(line)' refused: \(why)")
                break
            }
        }
        return session
    }

    static let scored = """
        id: scored
        title: Scored
        questions:
          - id: a
            ask: First?
            type: choice
            choices:
              - {id: never, label: Not at all, value: 0}
              - {id: some, label: Several days, value: 1}
              - {id: half, label: More than half the days, value: 2}
              - {id: most, label: Nearly every day, value: 3}
          - id: b
            ask: Second?
            type: choice
            choices: ["0", "1", "2", "3"]
          - id: total
            compute: a + b
            label: Total
          - id: level
            compute: total
            bands:
              - {from: 0, to: 2, label: low}
              - {from: 3, to: 6, label: high}
          - show: "You scored {{total}}, which is {{level}}."
          - id: why
            ask: What made it {{level}}?
            when: total >= 3 and level == 'high'
          - id: next
            compute: today + 4 weeks
            label: Next look
        """

    // MARK: Numbers in choices

    @Test func aTypedNumberPicksTheChoiceWithThatValueNotThatPlace() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        var s = Session(flow: flow, today: Fixtures.today)
        #expect(s.submit(["3"]) == .accepted(.choice("most")))
        // Labels that are numbers: "2" is the choice labelled 2, the third in the list.
        #expect(s.submit(["2"]) == .accepted(.choice("2")))
    }

    @Test func aNumberNoChoiceHasIsRefusedWithTheNumbersThereAre() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        var s = Session(flow: flow, today: Fixtures.today)
        #expect(s.submit(["4"]) == .invalid("Please type 0, 1, 2 or 3, or the start of a choice."))
        #expect(s.submit(["sev"]) == .accepted(.choice("some")))
    }

    @Test func checkWarnsWhereANumberCouldMeanTwoChoices() {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: A?
                type: choice
                choices: ["2 Often", "Never", "Sometimes"]
            """
        #expect(
            Fixtures.diagnostics(yaml) == [
                "test.yaml:7:14: warning: typing 2 picks '2 Often' (its number), not 'Never' (number 2 in the list); give every choice a 'value', or none [GP033]"
            ])
    }

    // MARK: Computed items

    @Test func computedValuesWorkInWhenInTextAndInThePlan() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        let s = Self.run(flow, ["3", "1", "It was a hard month"])
        guard
            case .question(let shown) = s.steps().first(where: {
                if case .question(let q) = $0 { q.question.type == .display } else { false }
            })
        else {
            Issue.record("no words shown")
            return
        }
        #expect(shown.question.ask == "You scored 4, which is high.")
        #expect(s.answers.values["why"] == .text("It was a hard month"))
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.notes.map(\.question) == ["First?", "Second?", "Total", "What made it high?", "Next look"])
        #expect(plan.notes[2].answer == .text("4"))
        #expect(plan.notes[4].answer == .text(Fixtures.today.adding(days: 28).longForm))
        // Words shown on the way are not questions: they are not counted or reviewed.
        #expect(s.review.count == 3)
        #expect(s.review.last?.total == 3)
    }

    @Test func aLowScoreSkipsTheQuestionItsConditionGuards() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        let s = Self.run(flow, ["0", "1"])
        #expect(s.isFinished)
        #expect(s.answers.values["why"] == nil)
    }

    @Test func goingBackPassesOverWordsShownOnTheWay() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        var s = Session(flow: flow, today: Fixtures.today)
        s.submit(["1"])
        s.submit(["1"])
        // Now on the words shown; they are passed, then the next question.
        guard case .question(let shown) = s.current else {
            Issue.record("no step")
            return
        }
        #expect(shown.question.type == .display)
        s.submit([])
        let wentBack = s.back()
        #expect(wentBack)
        guard case .question(let q) = s.current else {
            Issue.record("no step")
            return
        }
        #expect(q.question.id == "b")
    }

    @Test(arguments: [
        ("sum(a, b, c)", 6.0), ("count(a, b, c, missing)", 3), ("max(a, b) - min(a, c)", 1),
        ("mean(a, b, c)", 2), ("round(a / c, 2)", 0.33), ("(a + b) * 10 / 4", 7.5), ("-a + 4", 3),
        ("sum(goals.r)", 12), ("count(goals.r)", 2), ("max(goals.r)", 7),
    ])
    func expressionsWorkOutTheirValue(_ c: (String, Double)) throws {
        let e = try Expression.parse(c.0)
        let values: [String: ComputedValue] = [
            "a": .number(1), "b": .number(2), "c": .number(3), "missing": .none, "r": .numbers([5, 7], others: 0),
        ]
        let value = e.evaluate(today: Fixtures.today) { values[$0.questionID] ?? .none }
        #expect(value == .number(c.1), "\(c.0)")
    }

    @Test func datesAddLengthsOfTimeAndDifferInDays() throws {
        let today = Fixtures.today
        let review = today.adding(days: 10)
        func value(_ text: String) throws -> ComputedValue {
            try Expression.parse(text).evaluate(today: today) { $0.questionID == "review" ? .date(review) : .none }
        }
        #expect(try value("today + 4 weeks") == .date(today.adding(days: 28)))
        #expect(try value("review - 2 days") == .date(today.adding(days: 8)))
        #expect(try value("today + 1 month") == .date(today.adding(months: 1)))
        #expect(try value("review - today") == .number(10))
        #expect(try value("nothing + 1") == .none)
    }

    @Test func theSumOfARepeatCountsEveryRound() throws {
        let yaml = """
            id: f
            title: T
            questions:
              - group: goals
                into: goals
                repeat: {min: 1, max: 3, more: Another?}
                questions:
                  - id: g
                    ask: Goal?
                    into: goal.title
                  - id: r
                    ask: Rating?
                    type: scale
                    into: goal.rating
              - id: mean_rating
                compute: round(mean(goals.r), 1)
                label: Average rating
              - id: goals_set
                compute: count(goals.g)
                label: Goals set
            """
        let flow = try #require(Fixtures.flow(yaml))
        let s = Self.run(flow, ["Sleep", "3", "y", "Walk", "4", "y", "Read", "6"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(
            plan.notes == [
                Note(question: "Average rating", answer: .text("4.3")), Note(question: "Goals set", answer: .text("3")),
            ])
    }

    @Test(arguments: [
        (
            "compute: sum(a, name)", 21,
            "error: in 'compute': sum(...) works on numbers; name is a choice without numbers"
        ),
        ("compute: sum(a, nothing)", 21, "error: 'nothing' in 'compute' is not a question of this flow"),
        ("compute: avg(a)", 14, "error: in 'compute': unknown function 'avg'"),
        ("compute: a +", 17, "error: in 'compute': the expression ends too soon"),
        ("compute: today + a", 20, "error: in 'compute': cannot work out a date + a number"),
        ("compute: a + 'x'", 18, "error: in 'compute': an expression works with numbers and dates"),
    ])
    func checkFindsExpressionsThatCannotBeWorkedOut(_ c: (String, Int, String)) {
        let yaml = """
            id: f
            title: T
            questions:
              - id: name
                ask: Name?
                type: choice
                choices: [Sam, Alex]
              - id: a
                ask: A?
                type: scale
              - id: x
                \(c.0)
            """
        let found = Fixtures.diagnostics(yaml)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("test.yaml:12:\(c.1): \(c.2)") == true, "\(found)")
    }

    @Test(arguments: [
        (
            "{from: 0, to: 4, label: low}, {from: 6, to: 9, label: high}",
            "there is a gap between 'low' (to 4) and this band (from 6)"
        ),
        (
            "{from: 0, to: 4, label: low}, {from: 3, to: 9, label: high}",
            "this band (from 3) overlaps 'low', which runs to 4"
        ),
        ("{from: 5, to: 4, label: low}", "this band starts at 5, above its end 4"),
    ])
    func checkFindsBandsWithGapsOrOverlaps(_ c: (String, String)) {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: A?
                type: scale
              - id: band
                compute: a
                bands: [\(c.0)]
            """
        let found = Fixtures.diagnostics(yaml)
        #expect(found.count == 1 && found[0].contains(c.1) && found[0].contains("[GP035]"), "\(found)")
    }

    // MARK: check guards the plan

    @Test(arguments: [
        (
            "type: scale\n    min: -2\n    max: 2\n    into: goal.rating",
            "'goal.rating' holds 0 to 10, but this question gives -2 to 2"
        ),
        (
            "type: scale\n    min: 0\n    max: 100\n    into: goal.importance",
            "'goal.importance' holds 0 to 10, but this question gives 0 to 100"
        ),
        (
            "type: choice\n    choices: [Low, High]\n    into: goal.level_start",
            "give every choice a 'value' in that range"
        ),
    ])
    func checkRefusesScalesThatDoNotFitTheirField(_ c: (String, String)) {
        let yaml = """
            id: f
            title: T
            questions:
              - group: goals
                into: goals
                questions:
                  - id: q
                    ask: Q?

            """
            + c.0.split(separator: "\n").map { "        " + $0.trimmingCharacters(in: .whitespaces) + "\n" }.joined()
        let found = Fixtures.diagnostics(yaml)
        #expect(
            found.count == 1 && found[0].contains(c.1) && found[0].contains("error") && found[0].contains("[GP037]"),
            "\(found)")
    }

    @Test func checkRefusesASumThatCanLeaveItsField() {
        let yaml = """
            id: f
            title: T
            questions:
              - group: goals
                into: goals
                questions:
                  - id: a
                    ask: A?
                    type: scale
                  - id: b
                    ask: B?
                    type: scale
                  - id: both
                    compute: a + b
                    into: goal.rating
                  - id: half
                    compute: (a + b) / 2
                    into: goal.confidence
            """
        #expect(
            Fixtures.diagnostics(yaml) == [
                "test.yaml:15:15: error: 'goal.rating' holds 0 to 10, but 'a + b' can be 0 to 20 [GP037]"
            ])
    }

    @Test func aSafetyItemNeedsAThreshold() {
        let yaml = """
            id: f
            title: T
            measure:
              name: F
              score: total
              safety: {item: a}
            questions:
              - id: a
                ask: A?
                type: scale
                max: 3
              - id: total
                compute: sum(a)
            """
        #expect(
            Fixtures.diagnostics(yaml) == [
                "test.yaml:6:11: error: the safety item needs 'above': the score over which the safety pause opens (0 opens it on any score above 0) [GP036]"
            ])
    }

    @Test func clinicianOnlyQuestionsCannotFillWhatAClientCopyShows() {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: Risk discussed?
                mode: facilitated
                into: plan.concerns
            """
        let found = Fixtures.diagnostics(yaml)
        #expect(found.count == 1 && found[0].contains("[GP038]"), "\(found)")
    }

    @Test func clinicianOnlyAnswersStayOutOfTheClientCopy() throws {
        let yaml = """
            id: f
            title: T
            questions:
              - id: risk
                ask: How was risk discussed?
                mode: facilitated
              - id: hope
                ask: What do you hope for?
                into: plan.hopes
            """
        let flow = try #require(Fixtures.flow(yaml))
        var s = Session(flow: flow, today: Fixtures.today, mode: .facilitated)
        s.submit(["No current risk; plan reviewed"])
        s.submit(["To sleep"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.notes.isEmpty)
        #expect(plan.clinician?.notes.first?.answer == .text("No current risk; plan reviewed"))
        let full = MarkdownWriter().write(plan)
        #expect(full.contains("No current risk"))
        #expect(try MarkdownReader.read(full).clinician?.notes == plan.clinician?.notes)
        for copy in [
            MarkdownWriter(options: .init(clientCopy: true)).write(plan), PlanJSON.encode(plan, clientCopy: true),
            HTMLWriter(clientCopy: true).write(plan), TerminalRenderer(options: .init(clientCopy: true)).render(plan),
        ] {
            #expect(!copy.contains("No current risk"))
            #expect(copy.contains("To sleep"))
        }
    }

    // MARK: Measures

    @Test func thePHQ9ScoresItsItemsAndKeepsOneDatedRow() throws {
        let flow = try Self.builtIn("phq9")
        let s = Self.run(flow, ["1", "2", "1", "3", "2", "1", "1", "2", "0", "2"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.measures.count == 1)
        let row = try #require(plan.measures.first)
        #expect(row.id == "phq9" && row.name == "PHQ-9" && row.code == "44261-6")
        #expect(row.score == 13 && row.maximum == 27 && row.band == "moderate")
        #expect(row.items == [1, 2, 1, 3, 2, 1, 1, 2, 0])
        // The item answers are the row; the one unscored question is a dated note.
        #expect(plan.notes.count == 1)
        #expect(plan.notes.first?.question.hasPrefix("PHQ-9, 27 November 2026: If you checked off") == true)
    }

    @Test(arguments: [
        (0, "minimal"), (4, "minimal"), (5, "mild"), (14, "moderate"), (15, "moderately severe"), (27, "severe"),
    ])
    func thePHQ9BandsAreThePublishedOnes(_ c: (Int, String)) throws {
        let plan = try Self.scored("phq9", items: 9, total: c.0)
        #expect(plan.measures.first?.score == Double(c.0))
        #expect(plan.measures.first?.band == c.1)
    }

    /// A built-in measure answered with `total` spread over its items, 3 at most each.
    static func scored(_ id: String, items count: Int, total: Int) throws -> Plan {
        let flow = try builtIn(id)
        var left = total
        let items = (0..<count).map { _ in
            let n = min(3, left)
            left -= n
            return String(n)
        }
        let s = run(flow, items + ["1"])
        return PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
    }

    @Test(arguments: [(4, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"), (21, "severe")])
    func theGAD7BandsAreThePublishedOnes(_ c: (Int, String)) throws {
        let plan = try Self.scored("gad7", items: 7, total: c.0)
        #expect(plan.measures.first?.score == Double(c.0))
        #expect(plan.measures.first?.band == c.1)
        #expect(plan.measures.first?.maximum == 21)
    }

    @Test func aSecondAdministrationAddsARowAndReadsBack() throws {
        let flow = try Self.builtIn("phq9")
        let first = Self.run(flow, ["3", "3", "3", "3", "3", "3", "3", "3", "0", "3"])
        var plan = PlanBuilder.build(flow: flow, answers: first.answers, started: Fixtures.today)
        plan = try MarkdownReader.read(MarkdownWriter().write(plan))
        let later = Fixtures.today.adding(days: 14)
        let second = Self.run(flow, ["1", "1", "1", "1", "1", "1", "1", "1", "0", "2"], today: later, base: plan)
        plan = PlanBuilder.build(flow: flow, answers: second.answers, started: Fixtures.today, today: later, base: plan)
        let markdown = MarkdownWriter().write(plan)
        let read = try MarkdownReader.read(markdown)
        #expect(read.measures.map(\.score) == [24, 8])
        #expect(read.measures.map(\.date) == [Fixtures.today, later])
        #expect(read.measures.map(\.band) == ["severe", "mild"])
        #expect(read.measures == plan.measures)
        #expect(markdown.components(separatedBy: "Little interest").count == 1)
        let json = PlanJSON.encode(read)
        #expect(json.contains("\"measures\" : ["))
        #expect(json.contains("\"score\" : 24"))
        #expect(json.contains("\"code\" : \"44261-6\""))
        let shown = TerminalRenderer().render(read)
        #expect(shown.contains("PHQ-9: 24 of 27 severe (2026-11-27) → 8 of 27 mild (2026-12-11)"))
        let html = HTMLWriter().write(read)
        #expect(html.contains("aria-label=\"PHQ-9 over time\""))
    }

    static let tScores: [([Int], Double)] = [
        ([0, 0], 50), ([1], 60), ([-1, -1], 37.6), ([2, 1, 0], 63.7), ([-2], 30),
    ]

    @Test(arguments: tScores)
    func theGoalAttainmentTScoreIsKiresukAndSherman(_ c: ([Int], Double)) {
        #expect(MeasureResult.tScore(c.0) == c.1)
    }

    // MARK: The review step

    static func reviewedPlan() throws -> Plan {
        var plan = Plan(started: Fixtures.today)
        var sleep = Goal(title: "Sleep better", confidence: 4, ratings: [Rating(date: Fixtures.today, value: 3)])
        sleep.levels = ["No good nights", "Two good nights", "Four good nights", "Five", "Every night"]
        sleep.levelAtStart = -1
        plan.goals = [sleep, Goal(title: "Walk more", ratings: [Rating(date: Fixtures.today, value: 2)])]
        plan.goals[1].reached = Fixtures.today.adding(days: -7)
        return plan
    }

    @Test func aReviewScoresTheLadderReasksConfidenceAndKeepsTheEarlierWording() throws {
        let flow = try Self.builtIn("revisit")
        let base = try Self.reviewedPlan()
        let later = Fixtures.today.adding(days: 14)
        // Goal 1: rating 5, level +1 (its own text), confidence 7, helped, hindered, done (none),
        // new steps (none), change it a little, new words, why. Goal 2 (reached): not again.
        let s = Self.run(
            flow, ["5", "1", "7", "Reading", "", "", "2", "Sleep seven hours on five nights", "It helps", "n", "", ""],
            today: later, base: base)
        #expect(s.isFinished)
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today, today: later, base: base)
        let goal = plan.goals[0]
        #expect(goal.title == "Sleep seven hours on five nights")
        #expect(goal.earlierTitles == [EarlierTitle(text: "Sleep better", until: later)])
        #expect(goal.reviews.last?.level == 1)
        #expect(goal.reviews.last?.confidence == 7)
        #expect(goal.reviews.last?.rating == 5)
        // The reached goal was not asked about.
        #expect(plan.goals[1].reviews.isEmpty)
        let gas = try #require(plan.measures.last)
        #expect(gas.id == "gas" && gas.score == 60 && gas.band == "more than expected")
        let read = try MarkdownReader.read(MarkdownWriter().write(plan))
        #expect(read == plan)
    }

    @Test func aReachedGoalIsAskedAgainOnlyWhenThePersonWants() throws {
        let flow = try Self.builtIn("revisit")
        let base = try Self.reviewedPlan()
        let later = Fixtures.today.adding(days: 14)
        let s = Self.run(
            flow, ["5", "-2", "", "", "", "", "1", "", "y", "2", "", "", "", "", "1", "", "", ""], today: later,
            base: base)
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today, today: later, base: base)
        #expect(plan.goals[0].reviews.last?.level == -2)
        #expect(plan.goals[1].reviews.last?.rating == 2)
        // Looked at again and kept going: no longer reached.
        #expect(plan.goals[1].reached == nil)
    }

    @Test func reachingAGoalRecordsTheDay() throws {
        let flow = try Self.builtIn("revisit")
        var base = try Self.reviewedPlan()
        base.goals[1].reached = nil
        let later = Fixtures.today.adding(days: 14)
        let s = Self.run(
            flow, ["5", "0", "", "", "", "", "1", "", "6", "", "", "", "", "3", "", "", ""], today: later, base: base)
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today, today: later, base: base)
        #expect(plan.goals[1].reached == later)
        #expect(plan.goals[0].reached == nil)
    }

    @Test func puttingAGoalOnHoldOrLettingItGoRecordsTheDayAndItIsNotAskedAgain() throws {
        let flow = try Self.builtIn("revisit")
        var base = try Self.reviewedPlan()
        base.goals[1].reached = nil
        let later = Fixtures.today.adding(days: 14)
        // Goal 1 on hold (4), goal 2 let go (5).
        let s = Self.run(
            flow, ["5", "0", "", "", "", "", "4", "", "6", "", "", "", "", "5", "", "", ""], today: later, base: base)
        var plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today, today: later, base: base)
        #expect(plan.goals[0].onHold == later && plan.goals[0].letGo == nil)
        #expect(plan.goals[1].letGo == later && plan.goals[1].onHold == nil)
        plan = try MarkdownReader.read(MarkdownWriter().write(plan))
        #expect(plan.goals[0].onHold == later)
        // Next time: asked whether to look again; no, and the goal keeps its status and day.
        let after = later.adding(days: 14)
        let next = Self.run(flow, ["n", "y", "7", "", "", "", "", "1", "", "", "", ""], today: after, base: plan)
        let again = PlanBuilder.build(
            flow: flow, answers: next.answers, started: Fixtures.today, today: after, base: plan)
        #expect(again.goals[0].onHold == later && again.goals[0].reviews.count == 1)
        // Looked at again and kept going: active once more.
        #expect(again.goals[1].letGo == nil && again.goals[1].reviews.last?.rating == 7)
    }
}

extension MeasureTests {
    @Test func aTableOfScoresWrittenByHandReadsAsRows() throws {
        let text = """
            # Goal plan

            Started 27 November 2026

            ## Scores over time

            | Date | Measure | Score | Band |
            |---|---|---|---|
            | 2026-11-27 | PHQ-9 | 13 of 27 | moderate |
            | 11 December 2026 | GAD-7 | 6 | mild |

            """
        let plan = try MarkdownReader.read(text)
        #expect(plan.measures.map(\.id) == ["phq9", "gad7"])
        #expect(plan.measures.map(\.score) == [13, 6])
        #expect(plan.measures.map(\.maximum) == [27, nil])
        #expect(plan.measures.map(\.band) == ["moderate", "mild"])
        #expect(MarkdownReader.loss(in: text, writing: plan) == nil)
        #expect(try MarkdownReader.read(MarkdownWriter().write(plan)) == plan)
    }

    @Test func wordsShownAgainWhenAnEditChangesThem() throws {
        let flow = try #require(Fixtures.flow(Self.scored))
        var s = Self.run(flow, ["3", "1", "Because"])
        // Change the first answer: the words now read differently, so they come again.
        let first = try #require(s.review.first)
        s.jump(to: first.path.key)
        s.submit(["0"])
        guard case .question(let shown) = s.current else {
            Issue.record("nothing to show")
            return
        }
        #expect(shown.question.type == .display)
        #expect(shown.question.ask == "You scored 1, which is low.")
    }
}

extension MeasureTests {
    @Test func aSumOfYesNoAnswersCountsTheYeses() throws {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: Sleeping badly?
                type: yesno
              - id: b
                ask: Drinking more?
                type: yesno
              - id: c
                ask: Seeing friends less?
                type: yesno
              - id: signs
                compute: sum(a, b, c)
                label: Early signs
              - id: check
                ask: Shall we look at your plan for early signs?
                type: yesno
                when: signs >= 2
            """
        let flow = try #require(Fixtures.flow(yaml))
        let s = Self.run(flow, ["y", "n", "yes", "y"])
        #expect(s.answers.values["check"] == .yes(true))
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.notes.first { $0.question == "Early signs" }?.answer == .text("2"))
    }
}

/// Cases a second held-out set of instruments found: each a class, not the one flow.
extension MeasureTests {
    static let diary = """
        id: diary
        title: Sleep diary
        questions:
          - group: nights
            repeat: {min: 1, max: 7, more: Another night?}
            questions:
              - id: night
                ask: Which night?
                type: date
                required: true
              - id: hours
                ask: Hours slept?
                type: scale
                max: 14
                required: true
              - id: note
                ask: Anything to say?
          - id: nights_kept
            compute: count(nights.night, nights.note)
            label: Answers
          - id: last
            compute: max(nights.night)
            label: Last night
          - id: next
            compute: max(nights.night) + 7 days
            label: Next diary
          - id: mean_hours
            compute: round(mean(nights.hours), 3)
            label: Mean hours
          - id: short
            ask: What kept you up?
            when: mean_hours < 6.5
        """

    @Test func datesOfARepeatGiveTheirLatestAndCountingTakesAnyAnswer() throws {
        let flow = try #require(Fixtures.flow(Self.diary))
        let s = Self.run(
            flow, ["2026-11-20", "6", "Noisy", "y", "2026-11-22", "7", "", "y", "2026-11-21", "6", "", "n", "Work"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        func note(_ q: String) -> Note.Answer? { plan.notes.first { $0.question == q }?.answer }
        #expect(note("Answers") == .text("4"))
        #expect(note("Last night") == .text("22 November 2026"))
        #expect(note("Next diary") == .text("29 November 2026"))
        #expect(note("Mean hours") == .text("6.333"))
        #expect(note("What kept you up?") == .text("Work"))
    }

    @Test(arguments: [
        ("compute: a * 1000000 * 1000000 * 1000", "past the largest number goalplan works with"),
        ("compute: a / 0", "dividing by 0 never gives a value"),
        ("compute: x + 1", "'x' cannot be worked out from itself"),
        ("compute: today + 500000 weeks", "is over a hundred years"),
        ("compute: a-a", "to take one from the other, put spaces around '-': a - a"),
    ])
    func checkRefusesWhatCouldNeverGiveAValue(_ c: (String, String)) {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: A?
                type: scale
              - id: x
                \(c.0)
            """
        let found = Fixtures.diagnostics(yaml)
        #expect(found.count == 1 && found[0].contains(c.1) && found[0].contains("error"), "\(found)")
    }

    @Test func aHugeComputedValueIsLeftOutNotACrash() {
        #expect(ComputedValue.format(1e21) == "1e+21")
        #expect(ComputedValue.format(-0.00001) == "0")
        #expect(ComputedValue.format(2.25) == "2.25")
        #expect(ComputedValue.number(1e20).answer == nil)
        let e = try? Expression.parse("a * a")
        #expect(e?.evaluate(today: Fixtures.today) { _ in .number(1e10) } == ComputedValue.none)
    }

    @Test func decimalBandsThatMeetAreAccepted() {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: A?
                type: scale
              - id: b
                ask: B?
                type: scale
              - id: m
                compute: mean(a, b)
                bands:
                  - {from: 0, to: 2.4, label: low}
                  - {from: 2.5, to: 7.4, label: middle}
                  - {from: 7.5, to: 10, label: high}
              - id: low_mean
                ask: What would help?
                when: m == 'low'
            """
        #expect(Fixtures.diagnostics(yaml) == [])
    }

    @Test func aSumOfRequiredItemsStartsAtTheirLeast() {
        let yaml = """
            id: f
            title: T
            questions:
              - id: a
                ask: A?
                type: scale
                min: 1
                max: 5
                required: true
              - id: b
                ask: B?
                type: scale
                min: 1
                max: 5
                required: true
              - id: total
                compute: sum(a, b)
                bands:
                  - {from: 2, to: 5, label: low}
                  - {from: 6, to: 10, label: high}
            """
        #expect(Fixtures.diagnostics(yaml) == [])
    }

    @Test func aClientQuestionCannotQuoteAClinicianOnlyAnswer() {
        let yaml = """
            id: f
            title: T
            questions:
              - id: impression
                ask: Your impression?
                mode: facilitated
              - id: severity
                ask: Severity?
                type: scale
                mode: facilitated
              - id: echo
                ask: Your therapist wrote {{impression}}. Anything to add?
              - id: doubled
                compute: severity * 2
                into: goal.rating
            """
        let found = Fixtures.diagnostics(yaml)
        #expect(
            found.contains {
                $0.contains("test.yaml:12:33: error: 'ask' quotes '{{impression}}', a clinician-only answer")
            })
        #expect(found.contains { $0.contains("worked out from clinician-only answers") || $0.contains("[GP014]") })
    }

    @Test func aComputedItemFromClinicianAnswersStaysTheClinicians() throws {
        let yaml = """
            id: f
            title: T
            questions:
              - id: severity
                ask: Severity?
                type: scale
                mode: facilitated
              - id: doubled
                compute: severity * 2
                label: Severity, doubled
            """
        let flow = try #require(Fixtures.flow(yaml))
        var s = Session(flow: flow, today: Fixtures.today, mode: .facilitated)
        s.submit(["4"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.notes.isEmpty)
        #expect(plan.clinician?.notes.map(\.question) == ["Severity?", "Severity, doubled"])
        #expect(!MarkdownWriter(options: .init(clientCopy: true)).write(plan).contains("Severity"))
    }

    @Test func aReversedItemIsScoredAsReversedInTheRow() throws {
        let yaml = """
            id: f
            title: T
            measure:
              name: Two items
              score: total
              items: [a, b_reversed]
            questions:
              - id: a
                ask: A?
                type: scale
                max: 4
                required: true
              - id: b
                ask: B?
                type: scale
                max: 4
                required: true
              - id: b_reversed
                compute: 4 - b
              - id: total
                compute: a + b_reversed
            """
        let flow = try #require(Fixtures.flow(yaml))
        let s = Self.run(flow, ["4", "4"])
        let plan = PlanBuilder.build(flow: flow, answers: s.answers, started: Fixtures.today)
        #expect(plan.measures.first?.items == [4, 0])
        #expect(plan.measures.first?.score == 4)
    }
}
