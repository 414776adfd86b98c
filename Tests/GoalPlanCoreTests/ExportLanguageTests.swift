import GoalPlanCore
import Testing

/// `show` and the printed page speak the plan's language, whatever the screen's: a Spanish
/// plan is laid out in Spanish on an English screen, an English one in English on a Spanish
/// screen, and the page says which language it is in.
@Suite struct ExportLanguageTests {
    /// The shared fixture plan with two administrations of a measure (a table and a chart).
    static var plan: Plan {
        var plan = PlanDocumentTests.plan
        plan.measures = [
            MeasureResult(id: "phq9", name: "PHQ-9", date: Fixtures.today, score: 14, maximum: 27, band: "moderate"),
            MeasureResult(
                id: "phq9", name: "PHQ-9", date: Fixtures.today.adding(days: 14), score: 9, maximum: 27, band: "mild"),
        ]
        return plan
    }

    static var spanish: Plan {
        var plan = Self.plan
        plan.language = "es"
        return plan
    }

    /// A date as a Spanish plan writes it.
    static func inSpanish(_ date: CalendarDate) -> String {
        MessageCatalog.$current.withValue(.builtIn("es")) { date.longForm }
    }

    @Test func aSpanishPlanPrintsInSpanishOnAnEnglishScreen() {
        let html = HTMLWriter().write(Self.spanish)
        #expect(html.contains("<html lang=\"es\">"))
        #expect(html.contains("<th>Fecha</th><th>Avance</th>"))
        #expect(html.contains("<th>Fecha</th><th>Puntaje</th><th>Rango</th>"))
        #expect(html.contains("<th>Cómo se vería</th>"))
        #expect(html.contains("<figcaption>Avance en la meta 1: Sleep seven hours on most nights</figcaption>"))
        #expect(html.contains("<figcaption>PHQ-9 con el tiempo</figcaption>"))
        // The page number's words, put into the style sheet around the printer's counters.
        #expect(html.contains(#"content: "P\e1 gina " counter(page) " de " counter(pages);"#))
        for word in ["<th>Date</th>", "Progress on goal", "PHQ-9 over time", "Progress over time", "\"Page \""] {
            #expect(!html.contains(word), "\(word) is English")
        }
        // Dates in the plan's words: the reviews' and the measures'.
        let review = try? #require(Self.spanish.goals.first?.reviews.first)
        if let review { #expect(html.contains("<td>\(Self.inSpanish(review.date))</td>")) }
        #expect(html.contains("<td>\(Self.inSpanish(Fixtures.today))</td>"))
        #expect(html.contains(Self.inSpanish(Self.spanish.started)))
    }

    @Test func aSpanishPlanShowsInSpanishOnAnEnglishScreen() {
        let shown = TerminalRenderer(options: .init(width: 200, plain: true)).render(Self.spanish)
        #expect(shown.contains("    Hecho: No phone after 10.30 pm on weeknights"), "\(shown)")
        #expect(shown.contains("    Por hacer: Take a break when voices rise"))
        #expect(shown.contains("estorbó: Late nights | screens"))
        #expect(shown.contains("2, luego 4, luego 6"))
        #expect(shown.contains(Self.inSpanish(Self.spanish.started)))
        for word in ["Done:", "To do:", "in the way:", ", then "] {
            #expect(!shown.contains(word), "\(word) is English")
        }
        // Made from a document, the plan's language holds as well.
        let document = PlanDocument(Self.spanish)
        #expect(document.language == "es")
        #expect(TerminalRenderer(options: .init(width: 200, plain: true)).format(document) == shown)
    }

    @Test func anEnglishPlanIsTheSameOnASpanishScreen() {
        let html = HTMLWriter().write(Self.plan)
        let shown = TerminalRenderer(options: .init(plain: true)).render(Self.plan)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<th>Date</th><th>Score</th><th>Band</th>"))
        #expect(html.contains(#"content: "Page " counter(page) " of " counter(pages);"#))
        #expect(shown.contains("Done: No phone after 10.30 pm on weeknights"))
        MessageCatalog.$current.withValue(.builtIn("es")) {
            #expect(HTMLWriter().write(Self.plan) == html)
            #expect(TerminalRenderer(options: .init(plain: true)).render(Self.plan) == shown)
            #expect(PlanJSON.encode(Self.plan).contains("\"language\" : \"en\""))
            #expect(PlanJSON.encode(Self.spanish).contains("\"language\" : \"es\""))
        }
    }
}
