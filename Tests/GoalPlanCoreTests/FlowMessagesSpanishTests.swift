import Foundation
import GoalPlanCore
import Testing

/// `goalplan check`'s findings and a flow's outline speak Spanish under the Spanish catalog,
/// with YAML keys, ids and codes left as written, and stay English without it.
@Suite struct FlowMessagesSpanishTests {
    static let spanish: MessageCatalog = {
        let po = (try? String(contentsOfFile: Fixtures.prompts + "/messages/es.po", encoding: .utf8)) ?? ""
        return MessageCatalog(language: "es", po: po)
    }()

    static let broken = """
        id: test
        title: Test
        questions:
          - id: rating
            ask: How are you?
            type: scale
            requird: true
          - id: a
            ask: Again?
            when: rating == 'high'
          - id: a
            ask: Once more?
        """

    @Test func checkSpeaksSpanish() {
        let found = MessageCatalog.$current.withValue(Self.spanish) { Fixtures.diagnostics(Self.broken) }
        #expect(found.contains { $0.hasPrefix("test.yaml:7:5: error: clave desconocida 'requird' en una pregunta") })
        #expect(
            found.contains(
                "test.yaml:10:21: error: en 'when': 'rating' es una pregunta de tipo scale; compárala con un número [GP024]"
            ))
        #expect(
            found.contains(
                "test.yaml:11:9: error: el id 'a' ya se usa en la línea 8; cada id debe ser único en un flujo [GP007]"))
    }

    @Test func checkStaysEnglishByDefault() {
        let found = Fixtures.diagnostics(Self.broken)
        #expect(
            found.contains(
                "test.yaml:11:9: error: id 'a' is already used at line 8; ids must be unique in a flow [GP007]"))
    }

    @Test func warningWordAndYAMLErrorsAreSpanish() {
        let found = MessageCatalog.$current.withValue(Self.spanish) {
            Fixtures.diagnostics("id: test\ntitle: T\nquestions:\n  - id: q\n    ask: Q?\n    choices: [a, b]\n")
                + Fixtures.diagnostics("id: &x test\n")
        }
        #expect(
            found.contains {
                $0.contains(": aviso: 'choices' solo lo usan las preguntas de tipo choice y multi [GP015]")
            })
        #expect(found.contains { $0.contains(": error: no se permiten anclas ni alias") })
    }

    @Test func outlineSpeaksSpanish() throws {
        let flow = try #require(
            Fixtures.flow(
                "id: test\ntitle: T\nquestions:\n  - id: r\n    ask: R?\n    type: scale\n    required: true\n"
                    + "  - id: n\n    ask: N?\n    when: r >= 5\n"))
        let outline = MessageCatalog.$current.withValue(Self.spanish) { FlowOutline.render(flow) }
        #expect(outline.contains("[r] (scale, obligatoria, 0 (bajo) a 10 (alto))"))
        #expect(outline.contains("   Se pregunta solo si 'r' es al menos 5."))
    }
}
