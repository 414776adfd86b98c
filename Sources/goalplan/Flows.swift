import ArgumentParser
import GoalPlanCore

struct Flows: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "flows",
            abstract: tr("List the flows you can run, and where each comes from."),
            discussion: tr(
                """
                Flows are looked for in --prompts DIR, then $GOALPLAN_PROMPTS, then ./Prompts, then \
                among the flows built into goalplan. The first place that has a flow wins.
                """)
        )
    }

    @OptionGroup var lookup: FlowLookupOptions

    func execute() throws(Failure) {
        let catalog = try lookup.catalog()
        var rows: [[String]] = [
            [
                tr("ID", context: "flows table"), tr("TITLE", context: "flows table"),
                tr("QUESTIONS", context: "flows table"), tr("LANGUAGES", context: "flows table"),
                tr("FROM", context: "flows table"),
            ]
        ]
        for entry in catalog.all() {
            let result = try? catalog.load(entry)
            if let flow = result?.flow {
                // A part of a goal is not started alone: say where it runs.
                let title =
                    flow.part == nil
                    ? flow.title
                    : tr("\(flow.title) (for each goal, inside \(catalog.hosts(of: flow.id).joined(separator: ", ")))")
                let languages = [String(flow.locale?.prefix(2) ?? "en")] + catalog.languages(of: flow.id)
                rows.append([
                    flow.id, title, String(flow.allQuestions.count { $0.type.isAsked }),
                    languages.joined(separator: ", "), entry.origin.description,
                ])
            } else {
                rows.append([
                    entry.id, tr("(has errors: run 'goalplan check \(entry.displayPath)')"), "-", "-",
                    entry.origin.description,
                ])
            }
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            say(1, cells.joined(separator: "  ") + "\n")
        }
    }
}
