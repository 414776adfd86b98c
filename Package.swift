// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "goalplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "goalplan", targets: ["goalplan"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // One-line C wrappers over libedit: Swift cannot call its variadic functions.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        // GitHub's CommonMark parser (cmark-gfm, from Debian) with its table and task-list
        // extensions: how plans are read back.
        .target(
            name: "CMarkdown",
            linkerSettings: [.linkedLibrary("cmark-gfm-extensions"), .linkedLibrary("cmark-gfm")]
        ),
        // libyaml (from Debian), read as events: how flows, answers files and settings are read.
        .target(
            name: "CYAML",
            linkerSettings: [.linkedLibrary("yaml")]
        ),
        // Line breaking (UAX #14, Debian's libunibreak) and terminal column widths (wcwidth):
        // how text is wrapped to the terminal.
        .target(
            name: "CLineBreak",
            linkerSettings: [.linkedLibrary("unibreak")]
        ),
        .target(
            name: "LineEditing",
            dependencies: ["CEditLine"]
        ),
        // Pure: flows, sessions, plans and Markdown. No terminal, files, clock or environment.
        // Its plugin embeds Prompts/ (the built-in flows and message catalogs) as Swift source.
        .target(
            name: "GoalPlanCore",
            dependencies: ["CMarkdown", "CYAML", "CLineBreak"],
            plugins: ["EmbedFlowsPlugin"]
        ),
        // Turns the YAML files in Prompts/ and the PO files in Prompts/messages/ into Swift
        // source, so the binary carries its flows and its words in each language.
        .executableTarget(name: "EmbedFlows"),
        .plugin(
            name: "EmbedFlowsPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedFlows"]
        ),
        .executableTarget(
            name: "goalplan",
            dependencies: [
                "GoalPlanCore",
                "LineEditing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Reads and writes a large generated plan and prints the figures; run by Benchmarks/run.
        .executableTarget(name: "PlanBenchmark", dependencies: ["GoalPlanCore"], path: "Benchmarks/PlanBenchmark"),
        // What the test targets share: running programs and reading what they wrote.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "GoalPlanCoreTests", dependencies: ["GoalPlanCore", "TestSupport"], exclude: ["BrokenFlows", "SafetyCorpus"]),
        // Starts a program on a pseudo-terminal, for tests that type at the real libedit reader.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"]),
        .testTarget(
            name: "goalplanTests",
            dependencies: ["goalplan", "GoalPlanCore", "LineEditing", "CPseudoTerminal", "TestSupport"],
            exclude: ["Snapshots", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
