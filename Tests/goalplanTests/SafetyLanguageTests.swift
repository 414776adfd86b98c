import Foundation
import GoalPlanCore
import Testing

@testable import goalplan

/// The safety net in the person's language: the pause, `crisis` and the lines for their region
/// in Spanish with `--lang es` (safety.es.yaml over safety.yaml, the program's words from es.po),
/// and in English without.
@Suite(.serialized) struct SafetyLanguageTests {
    /// English unless a test says otherwise, whatever the machine running the tests speaks.
    static let english = ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "GOALPLAN_LANG": ""]

    @Test func crisisSpeaksSpanishWithLangEsAndEnglishWithout() throws {
        let folder = try Here.temporaryFolder()
        let es = try runGoalplan(["crisis", "--lang", "es", "--region", "MX"], in: folder, environment: Self.english)
        #expect(es.status == 0, "\(es.errors)")
        #expect(es.output.contains("Con quién puedes hablar"))
        #expect(es.output.contains("Línea de la Vida, llama al 800 911 2000"))
        #expect(es.output.contains("Emergencias, llama al 911"))
        #expect(es.output.contains("goalplan no es un servicio de crisis"))
        #expect(!es.output.contains("Who you can talk to"))
        #expect(!es.output.contains("988"), "only Mexico's lines")

        let en = try runGoalplan(["crisis", "--region", "MX"], in: folder, environment: Self.english)
        #expect(en.output.contains("Who you can talk to"))
        #expect(en.output.contains("goalplan is not a crisis service"))
        #expect(!en.output.contains("Con quién"))

        // The locale says both: es_CO is Spanish, and Colombia's lines.
        let colombia = try runGoalplan(
            ["crisis"], in: folder, environment: Self.english.merging(["LANG": "es_CO.UTF-8"]) { $1 })
        #expect(colombia.output.contains("Con quién puedes hablar"))
        #expect(colombia.output.contains("Emergencias, llama al 123"))
        #expect(!colombia.output.contains("911"))

        // The United States in Spanish: 988 with its Spanish option.
        let us = try runGoalplan(
            ["crisis", "--lang", "es", "--region", "US"], in: folder,
            environment: Self.english.merging(["COLUMNS": "200"]) { $1 })
        #expect(us.output.contains("llama al 988 (para español, marca 2)"))
    }

    @Test func thePauseSpeaksSpanishWithLangEs() throws {
        let folder = try Here.temporaryFolder()
        // No terminal: the pause is written to standard error, and the questions carry on.
        let es = try runGoalplan(
            ["start", "checkin", "--prompts", Here.fixtures, "--out", "plan.md", "--region", "MX", "--lang", "es"],
            input: "quiero quitarme la vida\n3\n\n", in: folder, environment: Self.english)
        #expect(es.status == 0, "\(es.errors)")
        #expect(es.errors.contains("── Una pausa ──"))
        #expect(es.errors.contains("Algo que escribiste suena a que quizás"))
        #expect(es.errors.contains("Puedes hablar con alguien ahora mismo:"))
        #expect(es.errors.contains("Línea de la Vida, llama al 800 911 2000"))
        #expect(es.errors.contains("Tu respuesta se guarda, y las preguntas siguen."))
        #expect(!es.errors.contains("A pause"))

        let en = try runGoalplan(
            ["start", "checkin", "--prompts", Here.fixtures, "--out", "plan2.md", "--region", "MX"],
            input: "I want to end my life\n3\n\n", in: folder, environment: Self.english)
        #expect(en.errors.contains("── A pause ──"))
        #expect(en.errors.contains("Something you wrote sounds like"))
        #expect(!en.errors.contains("Una pausa"))
    }

    @Test func theInteractivePauseOffersItsChoicesInSpanishAndTakesSpanishWords() throws {
        let folder = try Here.temporaryFolder()
        let tty = try PseudoTerminal(
            Here.binary,
            ["start", "checkin", "--prompts", Here.fixtures, "--out", "plan.md", "--region", "AR", "--lang", "es"],
            folder: folder, environment: SafetyTests.environment(folder))
        var seen = try tty.waitFor("What is hard right now?")
        tty.type("ya no quiero vivir\r")
        seen = try tty.waitFor("¿Qué te gustaría hacer ahora?", after: seen)
        seen = try tty.waitFor("Parar por ahora", after: seen)
        #expect(tty.screen.contains("── Una pausa ──"))
        #expect(tty.screen.contains("Centro de Asistencia al Suicida, llama al 135"))
        #expect(tty.screen.contains("Seguir con las preguntas"))
        tty.type("sigamos\r")
        seen = try tty.waitFor("Seguimos. Escribe :crisis", after: seen)
        seen = try tty.waitFor("What would you like instead?", after: seen)
        tty.type(":crisis\r")
        seen = try tty.waitFor("── Con quién puedes hablar ──", after: seen)
        seen = try tty.waitFor("goalplan no es un servicio de crisis", after: seen)
        tty.type(":quit\r")
        _ = try tty.waitFor("¿Paramos ahora?", after: seen)
        tty.type("y\r")
        _ = try tty.waitForExit()
    }

    @Test(arguments: [
        ("US", "988"), ("ES", "024"), ("MX", "800 911 2000"), ("AR", "0800 999 0091"), ("CO", "106"),
        ("CL", "*4141"), ("PE", "113"), ("GB", "116 123"), ("CA", "988"), ("AU", "13 11 14"), ("NZ", "1737"),
        ("IN", "14416"),
    ])
    func eachRegionHasItsOwnLinesInSpanish(_ region: String, _ number: String) throws {
        var catalog = FlowCatalog(directories: [])
        catalog.language = "es"
        let settings = try catalog.safetySettings()
        let lines = settings.resources(for: region)
        #expect(lines.allSatisfy { $0.region == region })
        #expect(lines.contains { $0.contact.contains(number) && $0.contact.hasPrefix("llama") })
        #expect(lines.contains { $0.name == "Emergencias" }, "an emergency number for \(region)")
        #expect(settings.pauses.values.allSatisfy { $0.hasPrefix("Algo que escribiste") })
        #expect(settings.notice.hasPrefix("Antes de empezar"))
        // Anywhere else: the lines for anywhere, in Spanish.
        #expect(settings.resources(for: "FR").map(\.name) == ["Emergencias", "Find A Helpline"])
    }

    /// A clinic's files are laid over the built-in ones in order: built-in, built-in in the
    /// language, the clinic's, the clinic's in the language.
    @Test func aClinicsFilesAreLaidOverTheBuiltInOnesInTheLanguage() throws {
        let folder = try Here.temporaryFolder()
        try "notice: Our clinic's notice.\n".write(toFile: folder + "/safety.yaml", atomically: true, encoding: .utf8)
        var catalog = FlowCatalog(directories: [folder])
        #expect(try catalog.safetySettings().notice == "Our clinic's notice.")
        catalog.language = "es"
        // The clinic's English notice is laid over the built-in Spanish one...
        #expect(try catalog.safetySettings().notice == "Our clinic's notice.")
        #expect(try catalog.safetySettings().checkIn.hasPrefix("Gracias por contar"))
        // ...and its own Spanish one over that.
        try "notice: El aviso de la clínica.\n".write(
            toFile: folder + "/safety.es.yaml", atomically: true, encoding: .utf8)
        #expect(try catalog.safetySettings().notice == "El aviso de la clínica.")
        catalog.language = nil
        #expect(try catalog.safetySettings().notice == "Our clinic's notice.")

        // `check` reads safety.es.yaml as settings, not as a translation of a flow "safety".
        let clean = try runGoalplan(["check", folder], in: folder, environment: Self.english)
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.hasSuffix("2 files checked: 0 errors, 0 warnings.\n"))
        try "region: Narnia\n".write(toFile: folder + "/safety.es.yaml", atomically: true, encoding: .utf8)
        let bad = try runGoalplan(["check", "--prompts", folder], in: folder, environment: Self.english)
        #expect(bad.status == 65)
        #expect(bad.output.contains("safety.es.yaml:1:9: error: 'Narnia' is not a two-letter country code"))
        let flows = try runGoalplan(["flows", "--prompts", folder], in: folder, environment: Self.english)
        let ids = flows.output.split(separator: "\n").map { $0.split(separator: " ").first ?? "" }
        #expect(!ids.contains { $0 == "safety" || $0.hasPrefix("safety.") })
    }

    @Test func theProgramsOwnWordsAtThePauseAreInTheCatalog() {
        MessageCatalog.$current.withValue(Language.catalog("es")) {
            #expect(PauseChoice.carryOn.label == "Seguir con las preguntas")
            #expect(PauseChoice.stop.label == "Parar por ahora")
            #expect(Interview.safetyItemWords.hasPrefix("Tu respuesta dice que has pensado"))
        }
        #expect(PauseChoice.carryOn.label == "Carry on with the questions")
    }
}
