import Testing

@testable import GoalPlanCore

/// A plan is written in its own language and read back in it, whatever the screen speaks.
@Suite struct PlanLanguageTests {
    static var spanish: Plan {
        var plan = FieldCoverageTests.plan
        plan.language = "es"
        return plan
    }

    @Test func aSpanishPlanIsWrittenInSpanish() {
        let text = MarkdownWriter().write(Self.spanish)
        for words in [
            "# Plan de metas: PlanName", "Inicio: 27 de noviembre de 2026", "## Lo que me trajo aquí",
            "## Meta 1: GoalTitle", "- **Importancia (0-10):** 9", "3 al inicio (27 de noviembre de 2026)",
            "### Pasos", "## Mi plan de seguridad", "### Señales de alerta", "17 de 33",
        ] {
            #expect(text.contains(words), "missing: \(words)")
        }
        for english in ["Goal plan", "Started", "November", "What brought me here", "Steps"] {
            #expect(!text.contains(english), "English left in a Spanish plan: \(english)")
        }
    }

    @Test(arguments: ["en", "es"])
    func aSpanishPlanReadsBackTheSameOnAnyScreen(_ screen: String) throws {
        let text = MarkdownWriter().write(Self.spanish)
        let read = try MessageCatalog.$current.withValue(.builtIn(screen)) { try MarkdownReader.read(text) }
        #expect(read.language == "es")
        #expect(MarkdownWriter().write(read) == text)
        #expect(read.goals.first?.ratings.first?.date == FieldCoverageTests.day)
        #expect(read.safetyPlan?.warningSigns == ["SafetyWarning"])
    }

    @Test func anEnglishPlanIsUnchangedBySpanishOnTheScreen() throws {
        var plan = FieldCoverageTests.plan
        plan.language = nil
        let english = MarkdownWriter().write(plan)
        let onSpanishScreen = MessageCatalog.$current.withValue(.builtIn("es")) { MarkdownWriter().write(plan) }
        #expect(english == onSpanishScreen)
        #expect(english.hasPrefix("# Goal plan: PlanName"))
        let read = try MessageCatalog.$current.withValue(.builtIn("es")) { try MarkdownReader.read(english) }
        #expect(read.language == nil)
    }

    /// A problem in a Spanish plan is told in the screen's language, with the plan's words.
    @Test func aProblemIsToldInTheScreensLanguage() {
        let text = "# Plan de metas: Ana\n\nInicio: 31 de febrero de 2026\n"
        #expect(throws: MarkdownReader.Problem.self) { try MarkdownReader.read(text) }
        do {
            _ = try MarkdownReader.read(text)
        } catch {
            #expect(error.message.hasPrefix("the start date could not be read"))
        }
        do {
            _ = try MessageCatalog.$current.withValue(.builtIn("es")) { try MarkdownReader.read(text) }
        } catch let error as MarkdownReader.Problem {
            #expect(error.message.hasPrefix("no se pudo leer la fecha de inicio"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func datesInEitherLanguageAreRead() {
        #expect(CalendarDate(written: "12 de diciembre de 2027") == CalendarDate(year: 2027, month: 12, day: 12))
        #expect(CalendarDate(written: "3 de mayo de 2026") == CalendarDate(year: 2026, month: 5, day: 3))
        #expect(CalendarDate(written: "3 May 2026") == CalendarDate(year: 2026, month: 5, day: 3))
        #expect(CalendarDate(written: "3 de 2026") == nil)
        let date = CalendarDate(year: 2026, month: 11, day: 28)!
        #expect(MessageCatalog.$current.withValue(.builtIn("es")) { date.longForm } == "28 de noviembre de 2026")
        #expect(MessageCatalog.$current.withValue(.builtIn("es")) { date.weekday } == "sábado")
        #expect(date.longForm == "28 November 2026")
    }
}
