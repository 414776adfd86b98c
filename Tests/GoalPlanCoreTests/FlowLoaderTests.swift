import GoalPlanCore
import Testing

@Suite struct FlowLoaderTests {
    @Test func readsEveryKeyOfTheV1Shape() throws {
        let flow = try #require(
            Fixtures.flow(
                """
                id: intake
                title: First session
                intro: Hello.
                questions:
                  - id: area
                    ask: Which area?
                    type: choice
                    help: Pick one.
                    required: true
                    default: growth
                    choices:
                      - Emotional resilience
                      - {id: growth, label: Personal growth}
                  - id: rating
                    ask: Where now?
                    type: scale
                    min: 0
                    max: 10
                    min_label: not yet
                    max_label: there
                  - id: when
                    ask: Next review?
                    type: date
                    into: plan.review
                """))
        #expect(flow.id == "intake")
        #expect(flow.intro == "Hello.")
        let area = try #require(flow.question(id: "area"))
        #expect(area.type == .choice)
        #expect(area.required)
        #expect(area.help == "Pick one.")
        #expect(area.defaultValue == "growth")
        #expect(
            area.choices == [
                Choice(id: "emotional_resilience", label: "Emotional resilience"),
                Choice(id: "growth", label: "Personal growth"),
            ])
        #expect(area.location == SourceLocation(line: 5, column: 5))
        let rating = try #require(flow.question(id: "rating"))
        #expect(rating.scaleBounds == 0...10)
        #expect(rating.minLabel == "not yet")
        #expect(flow.question(id: "when")?.into == .nextReview)
    }

    /// Each broken flow and the exact findings it gives, in order.
    static let broken: [(yaml: String, expected: [String])] = [
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: scael\n",
            [
                "test.yaml:6:11: error: unknown question type 'scael'; did you mean 'scale'?; types are text, long, choice, multi, scale, yesno, list, date [GP008]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    requird: true\n",
            ["test.yaml:6:5: error: unknown key 'requird' in a question; did you mean 'required'? [GP005]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n  - id: a\n    ask: B?\n",
            ["test.yaml:6:9: error: id 'a' is already used at line 4; ids must be unique in a flow [GP007]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: choice\n",
            ["test.yaml:4:5: error: a choice question needs a 'choices' list [GP009]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: choice\n    choices: [Yes please, yes please]\n",
            [
                "test.yaml:7:27: error: choice 'yes_please' appears twice (first at line 7); each choice must be different [GP010]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: scale\n    min: 10\n    max: 0\n",
            ["test.yaml:8:10: error: 'min' (10) must be less than 'max' (0) [GP011]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    into: person.nam\n",
            [
                "test.yaml:6:11: error: unknown plan field 'person.nam'; did you mean 'person.name'?; see Prompts/README.md for the list [GP012]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: yesno\n    into: plan.review\n",
            ["test.yaml:7:11: error: 'plan.review' takes a date answer, not yesno [GP013]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    into: goal.title\n",
            [
                "test.yaml:6:11: error: 'goal.title' belongs to one goal, so it must be inside a group with 'into: goals' (or one that walks it) [GP014]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: 2nd\n    ask: A?\n",
            [
                "test.yaml:4:9: error: id '2nd' should start with a letter and use only letters, digits, '_' and '-' [GP016]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: scale\n    default: '11'\n",
            [
                "test.yaml:7:14: error: default '11' does not fit this question: Please give a whole number from 0 to 10. [GP018]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions: []\n",
            ["test.yaml:3:12: error: 'questions' is empty; add at least one question [GP019]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - group: g\n    repeat: {min: 3, max: 2, more: More?}\n    questions:\n      - id: a\n        ask: A?\n",
            [
                "test.yaml:5:13: error: 'repeat' needs 0 <= min <= max, with max between 1 and 100 (got min 3, max 2) [GP020]"
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: [A, B]\n",
            ["test.yaml:5:10: error: 'ask' should be text, not a list or mapping [GP004]"]
        ),
        (
            "id: f\nquestions:\n  - ask: A?\n",
            [
                "test.yaml:1:1: error: the flow has no 'title' [GP006]",
                "test.yaml:3:5: error: the question has no 'id' [GP006]",
            ]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n    type: text\n    choices: [x]\n",
            ["test.yaml:7:14: warning: 'choices' is only used by choice and multi questions [GP015]"]
        ),
        (
            "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: &x A?\n  - id: b\n    ask: *x\n",
            [
                "test.yaml:5:10: error: anchors and aliases ('&name', '*name') are not allowed; write the text out in full [GP003]"
            ]
        ),
        (
            "id: f\ntitle: [unclosed\n",
            ["test.yaml:3:1: error: did not find expected ',' or ']' (while parsing a flow sequence) [GP001]"]
        ),
        // The 11 bytes that once crashed a YAML library (Yams.load): here, findings and no crash.
        (
            "? a: b\n: c\n",
            [
                "test.yaml:1:1: error: the flow has no 'id' [GP006]",
                "test.yaml:1:1: error: the flow has no 'title' [GP006]",
                "test.yaml:1:1: error: the flow has no 'questions' list [GP006]",
                "test.yaml:1:3: error: keys must be plain words [GP004]",
            ]
        ),
        (
            "- just\n- a list\n",
            ["test.yaml:1:1: error: expected a flow as a mapping of 'key: value' lines [GP004]"]
        ),
    ]

    @Test(arguments: broken)
    func reportsExactDiagnostics(_ c: (yaml: String, expected: [String])) {
        #expect(Fixtures.diagnostics(c.yaml) == c.expected)
    }

    @Test func reportsEveryProblemNotOnlyTheFirst() {
        let found = Fixtures.diagnostics(
            """
            id: f
            titel: T
            questions:
              - id: a
                ask: A?
                type: scael
              - id: a
                ask: B?
            """)
        #expect(found.count == 4)
        #expect(found.allSatisfy { $0.contains(": error: ") })
    }

    @Test func flowIDMustMatchItsFileName() {
        #expect(
            Fixtures.diagnostics(
                "id: goals\ntitle: T\nquestions:\n  - id: a\n    ask: A?\n", path: "intake.yaml", expectedID: "intake")
                == [
                    "intake.yaml:1:5: error: flow id 'goals' does not match the file name 'intake.yaml'; rename one so they agree [GP017]"
                ])
    }

    @Test func refusesLargeDeepAndNonUTF8FilesQuickly() {
        let large = [UInt8](repeating: UInt8(ascii: "#"), count: (1 << 20) + 1)
        #expect(FlowLoader.load(large, path: "big.yaml").diagnostics.map(\.code) == [.tooLarge])
        let deep = "a: " + String(repeating: "[", count: 10_000)
        #expect(FlowLoader.load(deep, path: "deep.yaml").diagnostics.map(\.code) == [.tooLarge])
        let nested = (0..<70).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(FlowLoader.load(nested, path: "nested.yaml").diagnostics.map(\.code) == [.tooLarge])
        let bad: [UInt8] = Array("id: f\ntitle: ".utf8) + [0xC3, 0x28]
        #expect(
            FlowLoader.load(bad, path: "bad.yaml").diagnostics.map(\.description) == [
                "bad.yaml:2:8: error: file is not valid UTF-8 text (first bad byte at offset 13) [GP021]"
            ])
    }

    @Test func valuesStayTextEvenWhenYAMLWouldMakeThemBooleans() throws {
        let flow = try #require(
            Fixtures.flow(
                "id: f\ntitle: T\nquestions:\n  - id: a\n    ask: no\n    type: choice\n    choices: [on, off, yes]\n"))
        #expect(flow.question(id: "a")?.ask == "no")
        #expect(flow.question(id: "a")?.choices.map(\.label) == ["on", "off", "yes"])
    }
}
