import Foundation
import PackagePlugin

/// Embeds the YAML flows in the top-level Prompts/ folder into the target as Swift source,
/// so Prompts/ stays the one place the built-in flows are written; and the message catalogs in
/// Prompts/messages/ (gettext PO files), the program's own words in each language.
@main
struct EmbedFlowsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let prompts = context.package.directoryURL.appending(path: "Prompts")
        let files = try FileManager.default.contentsOfDirectory(
            at: prompts, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "yaml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        // The program's own words in each language: Prompts/messages/LANG.po.
        let messages = prompts.appending(path: "messages")
        let catalogs =
            ((try? FileManager.default.contentsOfDirectory(at: messages, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "po" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinFlows.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) flows and \(catalogs.count) message catalogs from Prompts/",
                executable: try context.tool(named: "EmbedFlows").url,
                arguments: [output.path] + (files + catalogs).map(\.path),
                inputFiles: files + catalogs,
                outputFiles: [output]
            )
        ]
    }
}
