import ArgumentParser
import GoalPlanCore

struct Check: GoalPlanCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check flow files and report every problem, compiler-style.",
        discussion: """
            Each problem is printed as 'path:line:column: error|warning: message [GPnnn]'; \
            Prompts/README.md explains every code. Exits 0 when there are no errors, 65 when \
            there are. With no paths, checks every flow in use (see 'goalplan flows').
            """
    )

    @Argument(
        help: ArgumentHelp("Flow files or folders of them.", valueName: "path"), completion: .file(extensions: ["yaml"])
    )
    var paths: [String] = []

    @OptionGroup var lookup: FlowLookupOptions

    func execute() throws(Failure) {
        var errors = 0
        var warnings = 0
        var files = 0
        var reported: Set<String> = []
        func report(_ result: FlowLoader.Result) {
            files += 1
            // A flow's includes are checked with it, so the same finding can come twice.
            for diagnostic in result.diagnostics where reported.insert(diagnostic.description).inserted {
                writeAll(1, diagnostic.description + "\n")
                if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        let catalog = try lookup.catalog()
        if paths.isEmpty {
            for entry in catalog.all() { report(try catalog.load(entry)) }
        } else {
            for path in paths {
                let targets =
                    Files.isDirectory(path)
                    ? Files.list(path).filter { $0.hasSuffix(".yaml") }.map { "\(path)/\($0)" }
                    : [path]
                for file in targets {
                    let id = String(Files.basename(of: file).split(separator: ".").first ?? "")
                    // Includes are looked for beside the file first.
                    let near = FlowCatalog(directories: [Files.parent(of: file)] + catalog.directories)
                    report(FlowLoader.load(try Files.read(file), path: file, expectedID: id, resolve: near.resolver))
                }
            }
        }
        let summary =
            "\(files) file\(files == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), "
            + "\(warnings) warning\(warnings == 1 ? "" : "s")."
        writeAll(1, summary + "\n")
        if errors > 0 { throw .checkFoundErrors(count: errors) }
    }
}
