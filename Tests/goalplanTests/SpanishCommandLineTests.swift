import Foundation
import GoalPlanCore
import LineEditing
import Testing

@testable import goalplan

/// The command line's own words in Spanish: the question loop, its help and review screens, the
/// stop question, failures, and the commands run as a person runs them.
@Suite struct SpanishCommandLineTests {
    static let spanish = Language.catalog("es")

    /// Runs the tour flow in Spanish with scripted typing until the typing ends; returns what
    /// was shown and the failure the run ended with.
    func runInSpanish(typing lines: [String]) throws -> (transcript: String, failure: Failure?) {
        let flow = try FlowCatalog(directories: [Here.fixtures]).flow("tour")
        var transcript = ""
        var failure: Failure?
        MessageCatalog.$current.withValue(Self.spanish) {
            let console = Console(style: Style(enabled: false)) { transcript += $0 }
            let reader = ScriptedLineReader(lines) { transcript += $0 }
            let interview = Interview(
                session: Session(flow: flow, today: CalendarDate(year: 2026, month: 11, day: 27)!), reader: reader,
                console: console)
            do throws(Failure) {
                _ = try interview.run()
            } catch {
                failure = error
                transcript += "goalplan: error: " + error.message + "\n"
            }
        }
        return (transcript, failure)
    }

    @Test func theQuestionLoopSpeaksSpanishAndTakesSpanishCommands() throws {
        let (transcript, failure) = try runInSpanish(typing: [":ayuda", "Sam", ":salir", "n"])
        #expect(transcript.contains("Pregunta 1 de "))
        #expect(transcript.contains("  No hay más guía para esta pregunta.\n"))
        #expect(transcript.contains("  Comandos: :atrás va a la pregunta anterior · :saltar pasa una opcional\n"))
        #expect(transcript.contains("¿Paramos ahora? Tus respuestas no se han guardado. [sí/N]\n"))
        #expect(transcript.contains("  Seguimos.\n"))
        #expect(failure == .inputEnded(question: "worries"))
        #expect(
            transcript.contains(
                "goalplan: error: la entrada se terminó en 'worries', antes de acabar el flujo. No se escribió nada."))
        // Not a word of the English it replaces.
        #expect(!transcript.contains("Commands:"))
        #expect(!transcript.contains("Stop now?"))
    }

    @Test func theReviewScreenIsInSpanishAndTakesSpanishCommands() throws {
        let (transcript, _) = try runInSpanish(typing: ["Sam", ":revisar", ":salir", "n", "7"])
        #expect(transcript.contains("Tus respuestas hasta ahora\n"))
        #expect(
            transcript.contains(
                "Escribe un número para cambiar esa respuesta, o presiona Enter para volver\nadonde estabas.\n"))
        // ':salir' on the review screen asks to stop, as ':quit' does.
        #expect(transcript.contains("¿Paramos ahora?"))
        #expect(transcript.contains("  ! Por favor, escribe un número del 1 al 1, o presiona Enter.\n"))
    }

    @Test func plainModeSaysTheSpanishMarksInWords() {
        MessageCatalog.$current.withValue(Self.spanish) {
            #expect(PlainWords.line("¿Paramos ahora? [sí/N]") == "¿Paramos ahora? (sí o no; Enter quiere decir no)")
            // The English mark too, from words not yet translated.
            #expect(PlainWords.line("Carry on? [Y/n]") == "Carry on? (sí o no; Enter quiere decir sí)")
            #expect(PlainWords.choice("2. Tranquilo") == "Opción 2: Tranquilo")
            #expect(Interview.commands.contains(":atrás"))
        }
        #expect(Interview.commands == [":back", ":crisis", ":edit", ":help", ":quit", ":review", ":skip"])
    }

    @Test func failuresAreSaidInSpanishAndPluralsChooseWholeSentences() {
        MessageCatalog.$current.withValue(Self.spanish) {
            #expect(
                Failure.noSuchDraft(number: 3, count: 1).message
                    == "no hay un borrador 3; hay 1 borrador. Usa 'goalplan drafts' para verlo.")
            #expect(Failure.checkFoundErrors(count: 2).message == "se encontraron 2 errores.")
            #expect(
                Failure.cannotRead(path: "x.md", reason: Files.reason(ENOENT)).message
                    == "no se puede leer 'x.md': no existe ese archivo o carpeta.")
        }
        #expect(Failure.checkFoundErrors(count: 1).message == "1 error found.")
    }

    /// The locale as these tests say it, whatever the machine running them has.
    static func locale(_ lang: String) -> [String: String] {
        ["LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "GOALPLAN_LANG": ""]
    }

    @Test func theCommandsSpeakSpanishWithLangAndEnglishWithout() throws {
        let folder = try Here.temporaryFolder()
        let spanish = try runGoalplan(
            ["drafts"], in: folder, environment: Self.locale("C").merging(["GOALPLAN_LANG": "es"]) { $1 })
        #expect(
            spanish.output
                == "No hay borradores. Se guarda un borrador después de cada respuesta, y se borra cuando su plan queda escrito.\n"
        )
        let fromLocale = try runGoalplan(["resume"], in: folder, environment: Self.locale("es_MX.UTF-8"))
        #expect(fromLocale.status == 66)
        #expect(
            fromLocale.errors
                == "goalplan: error: no hay borradores para seguir. Empieza un flujo con 'goalplan start'.\n")
        let english = try runGoalplan(["drafts"], in: folder, environment: Self.locale("C"))
        #expect(
            english.output
                == "No drafts. A draft is saved after every answer and removed when its plan is written.\n")
    }

    /// A draft goes on in the language its run spoke, whatever the locale when it is resumed,
    /// unless --lang says otherwise.
    @Test func aResumedDraftSpeaksTheLanguageItWasStartedIn() throws {
        let folder = try Here.temporaryFolder()
        let state = ["XDG_STATE_HOME": folder + "/state"]
        let english = Self.locale("C").merging(state) { $1 }
        let started = try runGoalplan(
            ["start", "tour", "--prompts", Here.fixtures, "--lang", "es"], input: "Sam\n", in: folder,
            environment: english)
        #expect(started.errors.contains("quedan guardadas en un borrador"))
        let resumed = try runGoalplan(["resume", "--prompts", Here.fixtures], in: folder, environment: english)
        #expect(resumed.output.contains("Antes de empezar"), "\(resumed.output)")
        #expect(resumed.errors.contains("la entrada se terminó"))
        let asked = try runGoalplan(
            ["resume", "--prompts", Here.fixtures, "--lang", "en"], in: folder, environment: english)
        #expect(asked.output.contains("Before you start"))
        #expect(asked.errors.contains("The input ended") || asked.errors.contains("the input ended"))
    }

    /// The argument parser's own words (headings, refusals) follow the language too.
    @Test func theParsersWordsFollowTheLanguage() throws {
        let folder = try Here.temporaryFolder()
        let spanish = Self.locale("es_MX.UTF-8")
        let missing = try runGoalplan(["show"], in: folder, environment: spanish)
        #expect(missing.errors.hasPrefix("goalplan: error: Falta el argumento '<plan.md>'\n"), "\(missing.errors)")
        #expect(missing.errors.contains("Mira 'goalplan show --help' para saber más."))
        let wrong = try runGoalplan(["start", "--mode", "zzz"], in: folder, environment: spanish)
        #expect(wrong.errors.contains("Usa uno de estos: 'self' y 'facilitated'."), "\(wrong.errors)")
        let help = try runGoalplan(["show", "--help"], in: folder, environment: spanish)
        for words in ["RESUMEN: ", "\nUSO: goalplan show", "\nARGUMENTOS:\n", "\nOPCIONES:\n", "Muestra esta ayuda."] {
            #expect(help.output.contains(words), "missing \(words)")
        }
        let english = try runGoalplan(["show"], in: folder, environment: Self.locale("C"))
        #expect(english.errors.hasPrefix("goalplan: error: Missing expected argument '<plan.md>'\n"))
        let englishHelp = try runGoalplan(["show", "--help"], in: folder, environment: Self.locale("C"))
        #expect(englishHelp.output.contains("\nUSAGE: goalplan show") && englishHelp.output.contains("\nOPTIONS:\n"))
    }

    /// A plan is revisited in its own language on an English terminal, unless the person chose one.
    @Test func aSpanishPlanIsRevisitedInSpanishOnAnEnglishTerminal() throws {
        let folder = try Here.temporaryFolder()
        let english = Self.locale("C")
        let answers = Here.testsFolder + "/../Install/intake-answers.yaml"
        let made = try runGoalplan(
            [
                "start", "intake", "--lang", "es", "--answers", answers, "--date", "2026-11-27", "--out", "plan.md",
                "--no-save",
            ],
            in: folder, environment: english)
        #expect(made.status == 0, "\(made.errors)")
        let revisit = ["revisit", "plan.md", "--date", "2026-12-11", "--no-save"]
        let spanish = try runGoalplan(revisit, input: "5\n", in: folder, environment: english)
        #expect(
            spanish.output.contains("Meta: Sleep seven hours on most nights (1 de 2) · 1 de 8"), "\(spanish.output)")
        #expect(spanish.errors.contains("la entrada se terminó"))
        let chosen = try runGoalplan(
            revisit, input: "5\n", in: folder, environment: english.merging(["GOALPLAN_LANG": "en"]) { $1 })
        #expect(chosen.output.contains("Goal: Sleep seven hours on most nights (1 of 2) · 1 of 8"), "\(chosen.output)")
    }

    /// A language goalplan has no words in falls back to the locale's, and says so when asked for by name.
    @Test func aLanguageWithoutACatalogFallsBackAndSaysSo() throws {
        let folder = try Here.temporaryFolder()
        let result = try runGoalplan(["drafts", "--lang", "fr"], in: folder, environment: Self.locale("es_MX.UTF-8"))
        #expect(result.errors.contains("las palabras de goalplan no están en 'fr' (tiene en, es)"), "\(result.errors)")
        #expect(result.output.hasPrefix("No hay borradores."))
        let quiet = try runGoalplan(["drafts"], in: folder, environment: Self.locale("fr_FR.UTF-8"))
        #expect(quiet.errors.isEmpty)
        #expect(quiet.output.hasPrefix("No drafts."))
    }

    /// A default is shown as it would be typed: the number the list shows, a date in the language.
    @Test func aDefaultIsShownAsItWouldBeTyped() throws {
        let folder = try Here.temporaryFolder()
        let flow = """
            id: nd
            title: Defaults
            locale: en-US
            questions:
              - {id: lvl, ask: Where are you?, type: choice, default: zero, choices: [{id: minus, label: Less, value: -1}, {id: zero, label: As expected, value: 0}, {id: plus, label: More, value: 1}]}
              - {id: pick, ask: Which one?, type: choice, default: b, choices: [{id: a, label: First}, {id: b, label: Second}]}
              - {id: when, ask: When again?, type: date, default: in 2 weeks}
            """
        try flow.write(toFile: folder + "/nd.yaml", atomically: true, encoding: .utf8)
        let args = ["start", "nd", "--prompts", folder, "--no-save", "--date", "2026-11-27", "--out", "o.md"]
        let english = try runGoalplan(args, input: "\n\n\n", in: folder, environment: Self.locale("C"))
        for words in ["Where are you? [0]", "Which one? [2]", "When again? [11 December 2026]"] {
            #expect(english.output.contains(words), "missing \(words)")
        }
        let spanish = try runGoalplan(
            args.dropLast(2) + ["--out", "p.md", "--lang", "es"], input: "\n\n\n", in: folder,
            environment: Self.locale("C"))
        #expect(spanish.output.contains("When again? [11 de diciembre de 2026]"), "\(spanish.output)")
    }
}
