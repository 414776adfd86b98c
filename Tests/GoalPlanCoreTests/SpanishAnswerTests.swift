import Foundation
import GoalPlanCore
import Testing

/// What a person answering questions reads when the program speaks Spanish.
@Suite struct SpanishAnswerTests {
    static let spanish: MessageCatalog = {
        let po = (try? String(contentsOfFile: Fixtures.repository + "/Prompts/messages/es.po", encoding: .utf8)) ?? ""
        return MessageCatalog(language: "es", po: po)
    }()

    func inSpanish<T>(_ body: () -> T) -> T {
        MessageCatalog.$current.withValue(Self.spanish, operation: body)
    }

    func parse(_ question: Question, _ lines: [String]) -> AnswerParser.Result {
        inSpanish { AnswerParser.parse(lines, for: question, today: Fixtures.today) }
    }

    @Test func badAnswersAreExplainedInSpanish() {
        #expect(parse(Fixtures.question(.yesno), ["maybe"]) == .invalid("Por favor, responde sí o no."))
        #expect(
            parse(Fixtures.question(.list, required: true, min: 2), ["uno"])
                == .invalid("Por favor, escribe al menos 2 cosas."))
        #expect(
            parse(Fixtures.question(.choice, choices: ["Sleep", "Social life", "Sport"]), ["s"])
                == .invalid("\"s\" puede ser \"Sleep\", \"Social life\" o \"Sport\". Escribe un poco más, o el número.")
        )
        #expect(
            parse(Fixtures.question(.choice, choices: ["Sleep", "Work"]), ["nada"])
                == .invalid(
                    "\"nada\" no es una de las opciones. Escribe un número del 1 al 2, o el comienzo de una opción."))
        #expect(
            parse(Fixtures.question(.date), ["someday"])
                == .invalid("Por favor, escribe una fecha como 2026-12-11, o palabras como \"en 2 semanas\"."))
        #expect(
            parse(Fixtures.question(.scale), ["11"]) == .invalid("Por favor, escribe un número entero del 0 al 10."))
    }

    @Test func spanishAnswersAreStillTaken() {
        #expect(parse(Fixtures.question(.yesno), ["sí"]) == .accepted(.yes(true)))
        #expect(parse(Fixtures.question(.date), ["en 2 semanas"]) == .accepted(.date(Fixtures.today.adding(days: 14))))
    }

    @Test func aYesIsWrittenAndOfferedAgainInSpanish() {
        let question = Fixtures.question(.yesno)
        let typed = inSpanish { AnswerValue.yes(true).display(for: question, asTyped: true) }
        #expect(typed == "sí")
        #expect(YesNo.parse(typed) == true)
        #expect(inSpanish { AnswerValue.yes(true).display(for: question) } == "Sí")
        // A flow's conditions read the English word, whatever the language.
        #expect(inSpanish { YesNo.word(true) } == "yes")
    }

    @Test func roundsAndSuggestionsSpeakSpanish() {
        let round = RoundContext(groupID: "goals", title: "Meta", index: 1, maximum: 3)
        #expect(inSpanish { round.label } == "Meta 2 de hasta 3")
        #expect(inSpanish { Suggestions.hint(for: "intak", in: ["intake"]) } == "; ¿quisiste decir 'intake'?")
        // The English words stay as they were.
        #expect(round.label == "Goal 2 of up to 3".replacing("Goal", with: "Meta"))
    }
}
