import Testing

@testable import GoalPlanCore

/// The catalog mechanism: PO files read as gettext writes them, keys made from the English
/// text, values put into a translation in its own order, and English whatever is missing.
@Suite struct MessageCatalogTests {
    static let po = #"""
        # A translator's comment.
        msgid ""
        msgstr ""
        "Language: es\n"

        #: Sources/goalplan/FlowRun.swift
        #, objc-format
        msgid "Saved %@ to %@."
        msgstr "Se guardó en %2$@: %1$@."

        msgctxt "plan"
        msgid "Decision"
        msgstr "Decisión"

        msgid "Decision"
        msgstr "Decidir"

        msgid ""
        "Two lines,\n"
        "and a \"quote\"."
        msgstr ""
        "Dos líneas,\n"
        "y una \"cita\"."

        #, fuzzy
        msgid "Not sure yet"
        msgstr "Aún no"

        msgid "Left empty"
        msgstr ""

        msgid "%@ file"
        msgid_plural "%@ files"
        msgstr[0] "%@ archivo"
        msgstr[1] "%@ archivos"

        #, objc-format
        msgid "100%% of %@"
        msgstr "el 100%% de %@"
        """#

    static let spanish = MessageCatalog(language: "es", po: po)

    @Test func entriesAreReadAsGettextWritesThem() {
        let entries = POFile.entries(of: Self.po)
        #expect(entries.first { $0.context == "plan" }?.text == "Decisión")
        #expect(entries.first { $0.id.hasPrefix("Two lines") }?.id == "Two lines,\nand a \"quote\".")
        #expect(entries.first { $0.id == "Not sure yet" }?.fuzzy == true)
        #expect(!entries.contains { $0.id == "%@ file" }, "plural entries are left to English")
        // The header, a fuzzy entry and an empty one are not translations.
        #expect(Self.spanish.count == 5)
    }

    @Test func valuesGoWhereTheTranslationPutsThem() {
        let path = "plan.md"
        let name = "Ana"
        MessageCatalog.$current.withValue(Self.spanish) {
            #expect(tr("Saved \(name) to \(path).") == "Se guardó en plan.md: Ana.")
            #expect(tr("Decision", context: "plan") == "Decisión")
            #expect(tr("Decision") == "Decidir")
            #expect(tr("Two lines,\nand a \"quote\".") == "Dos líneas,\ny una \"cita\".")
            #expect(tr("100% of \(name)") == "el 100% de Ana")
        }
        #expect(tr("Saved \(name) to \(path).") == "Saved Ana to plan.md.")
        #expect(tr("100% of \(name)") == "100% of Ana")
    }

    @Test func whatACatalogLacksIsSaidInEnglish() {
        let count = 3
        MessageCatalog.$current.withValue(Self.spanish) {
            #expect(tr("Not sure yet") == "Not sure yet")
            #expect(tr("Left empty") == "Left empty")
            #expect(tr("\(count) files") == "3 files")
            #expect(tr("Never translated") == "Never translated")
        }
    }

    @Test func aTemplateWithTooFewValuesDropsThePlaceholder() {
        #expect(Words.fill("%@ and %@ and %3$@", with: ["a"]) == "a and  and ")
        #expect(Words.fill("50% off, %%", with: []) == "50% off, %")
    }

    /// The built-in Spanish catalog is read whole: every entry Tests/Messages/catalog.py counts.
    @Test func theBuiltInSpanishCatalogIsReadWhole() throws {
        let spanish = MessageCatalog.builtIn("es")
        #expect(spanish.language == "es")
        let file = try #require(BuiltinCatalogs.files.first { $0.name == "es" })
        // Every one-line key at least (keys of several lines start with `msgid ""`, as the header does).
        let oneLine = file.text.split(separator: "\n").filter { $0.hasPrefix("msgid \"") && $0 != "msgid \"\"" }.count
        #expect(spanish.count >= oneLine && spanish.count > 700, "\(spanish.count) read, \(oneLine) one-line keys")
        #expect(spanish.tr("Goal plan", context: "plan") == "Plan de metas")
        #expect(MessageCatalog.builtIn("fr").language == "en")
    }
}
