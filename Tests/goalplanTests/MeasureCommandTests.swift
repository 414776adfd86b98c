import Foundation
import Testing

/// Measures through the binary: the PHQ-9 piped item by item, twice on one plan, read back by
/// `show` and `export`; its safety item; and a review that scores the ladder.
@Suite struct MeasureCommandTests {
    static func scores(_ items: [Int], difficulty: Int = 1) -> String {
        (items.map(String.init) + [String(difficulty)]).joined(separator: "\n") + "\n\n"
    }

    @Test func thePHQ9TwiceOnOnePlanGivesTwoRowsATrendAndJSON() throws {
        let folder = try Here.temporaryFolder()
        var result = try runGoalplan(
            ["start", "phq9", "--out", "plan.md", "--date", "2026-11-28", "--no-save"],
            input: Self.scores([1, 2, 1, 3, 2, 1, 1, 2, 0]), in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Your PHQ-9 score is 13 out of 27 (moderate)."))
        #expect(result.output.contains("PHQ-9 today: 13 of 27 (moderate)."))
        // Typed numbers are the items' own scores, listed as such.
        #expect(result.output.contains("  0. Not at all\n  1. Several days\n"))
        result = try runGoalplan(
            ["start", "phq9", "--plan", "plan.md", "--date", "2026-12-12", "--no-save"],
            input: Self.scores([0, 1, 0, 1, 1, 0, 0, 1, 0]), in: folder)
        #expect(result.status == 0, "\(result.errors)")
        let plan = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            plan.contains(
                """
                ## Scores over time

                - **PHQ-9, 28 November 2026:** 13 of 27 · moderate\\
                  Item scores: 1 2 1 3 2 1 1 2 0\\
                  Id: phq9 · 44261-6
                - **PHQ-9, 12 December 2026:** 4 of 27 · minimal\\
                  Item scores: 0 1 0 1 1 0 0 1 0\\
                  Id: phq9 · 44261-6
                """))
        // The items' answers are the rows: not written again as notes.
        #expect(!plan.contains("Little interest"))
        let shown = try runGoalplan(["show", "plan.md"], in: folder)
        #expect(shown.output.contains("PHQ-9: 13 of 27 moderate (2026-11-28) → 4 of 27 minimal (2026-12-12) ▄▂"))
        let exported = try runGoalplan(["export", "plan.md", "--format", "json", "--out", "-"], in: folder)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any])
        let measures = try #require(json["measures"] as? [[String: Any]])
        #expect(measures.map { $0["score"] as? Int } == [13, 4])
        #expect(measures.map { $0["band"] as? String } == ["moderate", "minimal"])
        #expect(measures.map { $0["date"] as? String } == ["2026-11-28", "2026-12-12"])
        #expect(measures.first?["code"] as? String == "44261-6")
        #expect(measures.first?["items"] as? [Int] == [1, 2, 1, 3, 2, 1, 1, 2, 0])
        let html = try runGoalplan(["export", "plan.md", "--out", "-"], in: folder)
        #expect(html.output.contains("<svg class=\"chart\""))
        #expect(html.output.contains("aria-label=\"PHQ-9 over time\""))
    }

    @Test func aScoreOnTheSafetyItemPauses() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(
            ["start", "phq9", "--out", "plan.md", "--date", "2026-11-28", "--no-save", "--region", "GB"],
            input: Self.scores([0, 1, 0, 0, 0, 0, 0, 0, 1]), in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("── A pause ──"))
        #expect(result.errors.contains("Your answer says you have had thoughts of being better off dead"))
        #expect(result.errors.contains("Samaritans"))
        // A score of 0 there does not.
        let calm = try runGoalplan(
            ["start", "phq9", "--out", "calm.md", "--date", "2026-11-28", "--no-save"],
            input: Self.scores([3, 3, 3, 3, 3, 3, 3, 3, 0]), in: folder)
        #expect(!calm.errors.contains("A pause"))
    }

    @Test func aReviewScoresTheLadderAndSaysTheTScore() throws {
        let folder = try Here.temporaryFolder()
        let plan = """
            # Goal plan: Sam

            Started 27 November 2026

            ## Goal 1: Sleep better

            - **Progress (0-10):** 3 at the start (27 November 2026)
            - **Level at the start:** -1

            ### Levels of progress

            - **-2 (much less than expected):** No good nights
            - **-1:** Two good nights a week
            - **0 (expected):** Four good nights a week
            - **+1:** Five good nights
            - **+2 (much more than expected):** Every night

            """
        try plan.write(toFile: folder + "/plan.md", atomically: true, encoding: .utf8)
        // Rating 2, level -2 (worse than at the start), confidence 4, then Enter for the rest
        // but the decision (keep going).
        let result = try runGoalplan(
            ["revisit", "plan.md", "--date", "2026-12-11", "--no-save"], input: "2\n-2\n4\n\n\n\n1\n\n\n\n\n",
            in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output.contains(
                "  -2. No good nights\n  -1. Two good nights a week\n  0. Four good nights a week\n  +1. Five good nights\n"
            ))
        #expect(result.output.contains("Goal attainment (T-score) today: 30 (less than expected)"))
        let updated = try String(contentsOfFile: folder + "/plan.md", encoding: .utf8)
        #expect(
            updated.contains(
                "- **Progress (0-10):** 2\n- **Level:** -2\n- **Confidence (0-10):** 4\n- **Decision:** Keep going"))
        #expect(updated.contains("- **Goal attainment (T-score), 11 December 2026:** 30 · less than expected"))
    }

    @Test func checkRefusesFlowsThatWouldWriteUnreadablePlans() throws {
        let folder = try Here.temporaryFolder()
        try """
        id: wide
        title: A wide scale
        questions:
          - group: goals
            into: goals
            questions:
              - id: g
                ask: Goal?
                into: goal.title
              - id: now
                ask: From -2 to 2, where are you?
                type: scale
                min: -2
                max: 2
                into: goal.rating
        """.write(toFile: folder + "/wide.yaml", atomically: true, encoding: .utf8)
        let result = try runGoalplan(["check", "wide.yaml"], in: folder)
        #expect(result.status == 65)
        #expect(
            result.output.contains(
                "wide.yaml:15:15: error: 'goal.rating' holds 0 to 10, but this question gives -2 to 2; plans with such a value could not be read back [GP037]"
            ))
    }
}
