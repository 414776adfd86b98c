import ArgumentParser
import GoalPlanCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct Check: GoalPlanCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: tr("Check flow files and report every problem, compiler-style."),
            discussion: tr(
                """
                Each problem is printed as 'path:line:column: error|warning: message [GPnnn]'; \
                Prompts/README.md explains every code. Exits 0 when there are no errors, 65 when \
                there are. With no paths, checks every flow in use (see 'goalplan flows').
                """)
        )
    }

    @Argument(
        help: ArgumentHelp(tr("Flow files or folders of them."), valueName: "path"),
        completion: .file(extensions: ["yaml"])
    )
    var paths: [String] = []

    @Option(help: ArgumentHelp(tr("How to print the findings: text (one a line) or json (for editors and CI).")))
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var lookup: FlowLookupOptions

    func execute() throws(Failure) {
        var errors = 0
        var warnings = 0
        var files = 0
        var reported: Set<String> = []
        var findings: [Diagnostic] = []
        func report(_ result: FlowLoader.Result) {
            files += 1
            // A flow's includes are checked with it, so the same finding can come twice.
            for diagnostic in result.diagnostics where reported.insert(diagnostic.description).inserted {
                findings.append(diagnostic)
                if format == .text { say(1, diagnostic.description + "\n") }
                if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        let catalog = try lookup.catalog()
        func reportSafety(_ bytes: [UInt8], _ path: String) {
            report(FlowLoader.Result(flow: nil, diagnostics: SafetySettings.read(bytes, path: path).1))
        }
        /// A translation, against the flow it translates (found beside it first).
        func reportTranslation(_ file: String, near: FlowCatalog) throws(Failure) {
            let (translation, problems) = FlowTranslation.read(try Files.read(file), path: file)
            guard let translation else {
                report(FlowLoader.Result(flow: nil, diagnostics: problems))
                return
            }
            let expected = FlowTranslation.language(ofFile: Files.basename(of: file))?.flowID
            var found = problems
            if let expected, translation.flowID != expected {
                found.append(
                    Diagnostic(
                        .error, .extraTranslation,
                        tr(
                            "this file is named for '\(expected)' but translates '\(translation.flowID)'; rename one so they agree"
                        ),
                        path: file, at: .unknown))
            }
            if let entry = near.locate(translation.flowID), let flow = try near.load(entry).flow {
                found += translation.check(against: flow, path: file)
            } else {
                found.append(
                    Diagnostic(
                        .error, .extraTranslation,
                        tr("there is no flow '\(translation.flowID)' (without errors) to translate"),
                        path: file, at: .unknown))
            }
            report(FlowLoader.Result(flow: nil, diagnostics: found))
        }
        if paths.isEmpty {
            for entry in catalog.all() { report(try catalog.load(entry)) }
            for dir in catalog.directories {
                for name in Files.list(dir)
                where FlowTranslation.language(ofFile: name) != nil && !FlowCatalog.isSafetyFile(name) {
                    try reportTranslation(
                        FlowCatalog.join(dir, name), near: FlowCatalog(directories: [dir] + catalog.directories))
                }
            }
            // The safety settings in use: the first of each file (safety.yaml, safety.LANG.yaml).
            var safetyFiles: Set<String> = []
            for dir in catalog.directories {
                for name in Files.list(dir) where FlowCatalog.isSafetyFile(name) && safetyFiles.insert(name).inserted {
                    let path = FlowCatalog.join(dir, name)
                    reportSafety(try Files.read(path), path)
                }
            }
        } else {
            for path in paths {
                let targets =
                    Files.isDirectory(path)
                    ? Files.list(path).filter { $0.hasSuffix(".yaml") }.map { "\(path)/\($0)" }
                    : [path]
                for file in targets {
                    if FlowCatalog.isSafetyFile(Files.basename(of: file)) {
                        reportSafety(try Files.read(file), file)
                        continue
                    }
                    let id = String(Files.basename(of: file).split(separator: ".").first ?? "")
                    // Includes are looked for beside the file first.
                    let near = FlowCatalog(directories: [Files.parent(of: file)] + catalog.directories)
                    if FlowTranslation.language(ofFile: Files.basename(of: file)) != nil {
                        try reportTranslation(file, near: near)
                        continue
                    }
                    report(FlowLoader.load(try Files.read(file), path: file, expectedID: id, resolve: near.resolver))
                }
            }
        }
        let checked = files == 1 ? tr("1 file checked") : tr("\(files) files checked")
        let errorCount = errors == 1 ? tr("1 error") : tr("\(errors) errors")
        let warningCount = warnings == 1 ? tr("1 warning") : tr("\(warnings) warnings")
        let summary = tr("\(checked): \(errorCount), \(warningCount).", context: "check summary")
        switch format {
        case .text: say(1, summary + "\n")
        case .json: say(1, CheckReport(files: files, findings: findings).json + "\n")
        }
        if errors > 0 { throw .checkFoundErrors(count: errors) }
    }
}

/// The findings of `goalplan check --format json`. Version 1: `files`, `errors`, `warnings`, and
/// `diagnostics`, each with `path`, `line`, `column` (1-based; 0 when unknown), `severity`,
/// `code` and `message`.
struct CheckReport: Encodable {
    struct Finding: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
    }

    var version = 1
    var files: Int
    var errors: Int
    var warnings: Int
    var diagnostics: [Finding]

    init(files: Int, findings: [Diagnostic]) {
        self.files = files
        self.errors = findings.count { $0.severity == .error }
        self.warnings = findings.count - errors
        self.diagnostics = findings.map {
            Finding(
                path: $0.path, line: $0.location.line, column: $0.location.column, severity: $0.severity.rawValue,
                code: $0.code.rawValue, message: $0.message)
        }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
