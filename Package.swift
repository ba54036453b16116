// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Concord",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "concord", targets: ["concord"]),
        .library(name: "ConcordRules", targets: ["ConcordRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // libyaml from the system (Debian: libyaml-dev).
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Small helpers every other target may use (JSON strings, stable hashes, relative paths);
        // depends on nothing.
        .target(name: "ConcordSupport"),
        // Source positions and the diagnostic model shared by every layer.
        .target(name: "ConcordDiagnostics"),
        // The positioned YAML loader (wraps libyaml; no C type leaks out).
        .target(name: "ConcordYAML", dependencies: ["CLibYAML", "ConcordDiagnostics", "ConcordSupport"]),
        // The expression language (a CEL subset); knows nothing of YAML.
        .target(name: "ConcordCEL", dependencies: [
            "ConcordSupport",
            .product(name: "Collections", package: "swift-collections"),
        ]),
        // Rule files, selectors, the merged dataset and the engine.
        .target(name: "ConcordRules", dependencies: [
            "ConcordYAML", "ConcordCEL", "ConcordDiagnostics", "ConcordSupport",
            .product(name: "Collections", package: "swift-collections"),
        ]),
        // Output formats; they know only diagnostics.
        .target(name: "ConcordReporters", dependencies: ["ConcordDiagnostics", "ConcordSupport"]),
        // The language server: transport, protocol types and the workspace behind `concord lsp`.
        .target(name: "ConcordLSP", dependencies: ["ConcordRules", "ConcordYAML", "ConcordDiagnostics"]),
        // The thin command line.
        .executableTarget(name: "concord", dependencies: [
            "ConcordYAML", "ConcordRules", "ConcordReporters", "ConcordDiagnostics", "ConcordLSP", "ConcordSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // What the test targets share (package root, diagnostics as text, fixture overlays, golden
        // files); a regular target that only test targets use.
        .target(name: "ConcordTestSupport", dependencies: ["ConcordDiagnostics", "ConcordSupport"],
                path: "Tests/ConcordTestSupport"),
        .testTarget(name: "ConcordSupportTests", dependencies: ["ConcordSupport"]),
        .testTarget(name: "ConcordYAMLTests", dependencies: ["ConcordYAML", "ConcordTestSupport"],
                    exclude: ["FuzzFindings"]),
        .testTarget(name: "ConcordCELTests", dependencies: ["ConcordCEL", "ConcordTestSupport"],
                    exclude: ["cel-known-failures.txt", "FuzzFindings"]),
        .testTarget(name: "ConcordRulesTests", dependencies: ["ConcordRules", "ConcordYAML", "ConcordCEL", "ConcordTestSupport"],
                    exclude: ["FuzzFindings"]),
        .testTarget(name: "ConcordReportersTests", dependencies: ["ConcordReporters", "ConcordTestSupport"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "ConcordCLITests", dependencies: ["concord", "ConcordRules", "ConcordYAML", "ConcordDiagnostics",
                                                          "ConcordTestSupport"]),
        .testTarget(name: "ConcordLSPTests", dependencies: ["ConcordLSP", "ConcordRules", "ConcordDiagnostics", "ConcordTestSupport"]),
    ]
)
