import Foundation
import PackagePlugin

/// Embeds the YAML flows in the top-level Prompts/ folder into the target as Swift source,
/// so Prompts/ stays the one place the built-in flows are written.
@main
struct EmbedFlowsPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let prompts = context.package.directoryURL.appending(path: "Prompts")
        let files = try FileManager.default.contentsOfDirectory(
            at: prompts, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "yaml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinFlows.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) flows from Prompts/",
                executable: try context.tool(named: "EmbedFlows").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
