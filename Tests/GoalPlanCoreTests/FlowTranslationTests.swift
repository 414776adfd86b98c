import GoalPlanCore
import Testing

/// A flow's words in another language: read from a file of their own, laid over the flow by
/// id, and checked against it.
@Suite struct FlowTranslationTests {
    static let flowYAML = """
        id: visit
        title: A visit
        intro: Hello.
        questions:
          - id: name
            ask: Your name?
          - id: feel
            ask: How are you, {{name}}?
            help: Say it your way.
            type: choice
            choices:
              - {id: good, label: Good}
              - {id: bad, label: Not good}
          - group: goals
            title: Goal
            into: goals
            repeat: {min: 1, max: 2, more: Another goal?}
            questions:
              - id: goal
                ask: What goal?
                into: goal.title
        """

    static func translation(_ yaml: String) -> (FlowTranslation?, [String]) {
        let (t, problems) = FlowTranslation.read(Array(yaml.utf8), path: "visit.es.yaml")
        return (t, problems.map(\.description))
    }

    static let spanish = """
        translation: visit
        locale: es-US
        title: Una visita
        intro: Hola.
        questions:
          name: {ask: ¿Tu nombre?}
          feel:
            ask: ¿Cómo estás, {{name}}?
            help: Dilo a tu manera.
            choices: {good: Bien, bad: No muy bien}
          goal: {ask: ¿Qué meta?}
        groups:
          goals: {title: Meta, more: ¿Otra meta?}
        """

    @Test func aCompleteTranslationChecksCleanAndIsShownInItsWords() throws {
        let flow = try #require(Fixtures.flow(Self.flowYAML, path: "visit.yaml"))
        let (t, problems) = Self.translation(Self.spanish)
        #expect(problems == [])
        let translation = try #require(t)
        #expect(translation.check(against: flow, path: "visit.es.yaml").map(\.description) == [])
        let shown = FlowTranslation.apply(["visit": translation], to: flow)
        #expect(shown.title == "Una visita" && shown.locale == "es-US")
        var session = Session(flow: shown, today: Fixtures.today)
        session.submit(["Ana"])
        guard case .question(let feel) = session.current else { throw CancellationError() }
        #expect(feel.question.ask == "¿Cómo estás, Ana?")
        #expect(feel.question.choices.map(\.label) == ["Bien", "No muy bien"])
        // The ids are the flow's own: the answer means the same in either language.
        #expect(session.submit(["no muy"]) == .accepted(.choice("bad")))
        guard case .question(let goal) = session.current else { throw CancellationError() }
        #expect(goal.context.first?.label == "Meta 1 of up to 2")
    }

    @Test func checkReportsWhatIsMissingExtraDifferentOrQuotedWithoutCause() throws {
        let flow = try #require(Fixtures.flow(Self.flowYAML, path: "visit.yaml"))
        let (t, problems) = Self.translation(
            """
            translation: visit
            locale: es-US
            title: Una visita {{goal}}
            questions:
              feel:
                ask: ¿Cómo estás, {{nombre}}?
                note: Una nota
                choices: {good: Bien, bad: Mal, meh: Así así}
              extra: {ask: ¿Sobra?}
            """)
        #expect(problems == [])
        let found = try #require(t).check(against: flow, path: "visit.es.yaml").map(\.description)
        let expected = [
            "the flow's intro is not translated",
            "'name' has no translation",
            "'goal' has no translation",
            "'goals' has no translation",
            "'extra' is not a question of 'visit'",
            "'feel' has no 'help' in this language",
            "'feel' has no 'note' to translate",
            "'feel.ask' quotes {{nombre}}, which the original does not",
            "'feel' has 2 choices and this translation 3; not in the flow: meh",
            "'title' quotes {{goal}}, which the original does not",
        ]
        for part in expected {
            #expect(found.contains { $0.contains(part) }, "\(part) in \(found)")
        }
        #expect(found.filter { $0.contains(": error: ") }.count == 5, "\(found)")
    }

    @Test func aTranslationFilesNameSaysItsFlowAndLanguage() {
        #expect(FlowTranslation.language(ofFile: "intake.es.yaml")! == ("intake", "es"))
        #expect(FlowTranslation.language(ofFile: "goal-core.es.yaml")! == ("goal-core", "es"))
        #expect(FlowTranslation.language(ofFile: "intake.yaml") == nil)
        #expect(FlowTranslation.language(ofFile: "v1.2.yaml") == nil)
    }

    @Test func datesYesAndNoInSpanish() {
        let today = Fixtures.today  // Friday 27 November 2026
        let cases: [(String, String)] = [
            ("hoy", "2026-11-27"), ("mañana", "2026-11-28"), ("manana", "2026-11-28"),
            ("en 2 semanas", "2026-12-11"), ("en una semana", "2026-12-04"), ("dentro de 3 días", "2026-11-30"),
            ("en un mes", "2026-12-27"), ("la próxima semana", "2026-12-04"), ("12 de diciembre", "2026-12-12"),
            ("3 de enero", "2027-01-03"), ("12 de diciembre de 2027", "2027-12-12"), ("in 2 weeks", "2026-12-11"),
        ]
        for (text, iso) in cases { #expect(AnswerParser.parseDate(text, today: today)?.iso == iso, "\(text)") }
        #expect(AnswerParser.parseDate("31 de febrero", today: today) == nil)
        #expect(AnswerParser.parseDate("12 de diciembro", today: today) == nil)
        #expect(YesNo.parse("Sí") == true && YesNo.parse("si") == true && YesNo.parse("no") == false)
        #expect(YesNo.parse("si\u{0301}") == true, "an accent typed as a combining mark")
        #expect(YesNo.parse("sip") == nil)
    }
}
