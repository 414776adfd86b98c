import GoalPlanCore
import Testing

/// A safety plan is updated, never replaced: questions offer what the plan holds, an answer
/// replaces its section, and a question passed over leaves its section as it was.
@Suite struct SafetyPlanMergeTests {
    static let flow = Fixtures.flow(
        """
        id: sp
        title: Safety plan
        questions:
          - id: signs
            ask: Signs?
            type: list
            into: safety.warning_signs
          - id: reasons
            ask: Reasons?
            type: list
            into: safety.reasons
        """)!

    static var base: Plan {
        var safety = SafetyPlan()
        safety.warningSigns = ["Not sleeping"]
        safety.reasonsForLiving = ["My cat"]
        return Plan(started: Fixtures.today, safetyPlan: safety)
    }

    @Test func questionsOfferWhatThePlanHoldsWithoutCountingAsAnswered() throws {
        let session = Session(flow: Self.flow, today: Fixtures.today, base: Self.base)
        guard case .question(let q)? = session.current else { throw Expectation.none }
        #expect(q.question.id == "signs")
        #expect(q.previous == nil)
        #expect(q.suggested == .items(["Not sleeping"]))
    }

    @Test func enterKeepsEachSectionAndAnEmptyRunChangesNothing() {
        var session = Session(flow: Self.flow, today: Fixtures.today, base: Self.base)
        session.submit([])
        session.submit([])
        let plan = PlanBuilder.build(
            flow: Self.flow, answers: session.answers, started: Fixtures.today, base: Self.base)
        #expect(plan.safetyPlan == Self.base.safetyPlan)
    }

    @Test func anEditedListReplacesItsSectionAndPassingOverKeepsTheOther() {
        var session = Session(flow: Self.flow, today: Fixtures.today, base: Self.base)
        session.submit(items: ["Not sleeping", "Staying in bed"])
        session.skip()
        let plan = PlanBuilder.build(
            flow: Self.flow, answers: session.answers, started: Fixtures.today, base: Self.base)
        #expect(plan.safetyPlan?.warningSigns == ["Not sleeping", "Staying in bed"])
        #expect(plan.safetyPlan?.reasonsForLiving == ["My cat"])
    }

    @Test func takingEveryItemOutEmptiesTheSection() {
        var session = Session(flow: Self.flow, today: Fixtures.today, base: Self.base)
        session.submit(items: [])
        session.submit([])
        let plan = PlanBuilder.build(
            flow: Self.flow, answers: session.answers, started: Fixtures.today, base: Self.base)
        #expect(plan.safetyPlan?.warningSigns == [])
        #expect(plan.safetyPlan?.reasonsForLiving == ["My cat"])
    }

    @Test func aCheckInIsWrittenAndReadBackWithoutAnyWords() throws {
        var plan = Plan(started: Fixtures.today)
        plan.clinician = ClinicianNotes(
            checkIns: [SafetyCheckIn(date: Fixtures.today, categories: [.method, .suicide], outcome: .safetyPlan)])
        let markdown = MarkdownWriter().write(plan)
        #expect(
            markdown.contains(
                "- **Safety check-in:** 2026-11-27 · a method, plan or preparation / suicide and self-harm · made or updated a safety plan"
            ))
        #expect(try MarkdownReader.read(markdown).clinician == plan.clinician)
        #expect(!MarkdownWriter(options: .init(clientCopy: true)).write(plan).contains("check-in"))
    }
}

private enum Expectation: Error { case none }
