// swift-tools-version:6.0
//
// Grace: a deterministic model checker for Linux page-table freeing protocols.
// The layers are acyclic: Frontend -> Semantics -> Explorer -> Reports -> CLI,
// with the `grace` executable a thin shim over GraceCLI.

import PackageDescription

let package = Package(
    name: "Grace",
    products: [
        .executable(name: "grace", targets: ["grace"]),
    ],
    targets: [
        // MARK: Language
        /// Source text to a checked, compiled program, with located diagnostics.
        .target(name: "GraceFrontend"),

        // MARK: Semantics
        /// Machine state, the effect of every kernel primitive, memory models.
        .target(name: "GraceSemantics", dependencies: ["GraceFrontend"]),

        // MARK: Exploration
        /// Search strategies, the visited-state store, verdicts and traces.
        .target(name: "GraceExplorer", dependencies: ["GraceFrontend", "GraceSemantics"]),

        // MARK: Reports
        /// Pure renderings of check results: text traces and JSON.
        .target(name: "GraceReports", dependencies: ["GraceFrontend", "GraceSemantics", "GraceExplorer"]),

        // MARK: Commands
        /// The command line: argument parsing, `grace check`, exit codes.
        .target(name: "GraceCLI", dependencies: ["GraceFrontend", "GraceSemantics", "GraceExplorer", "GraceReports"]),
        .executableTarget(name: "grace", dependencies: ["GraceCLI"]),

        // MARK: Tests
        .testTarget(
            name: "GraceTests",
            dependencies: ["GraceFrontend", "GraceSemantics", "GraceExplorer", "GraceReports", "GraceCLI"],
            exclude: ["Fixtures", "Litmus"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
