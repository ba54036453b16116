// swift-tools-version:5.4
// libFuzzer targets for Concord (tools version 5.4: later ones rename an executable's `main`, which
// libFuzzer provides). Not part of the normal build: `scripts/fuzz.sh TARGET SECONDS`
// builds this package with `-sanitize=fuzzer,address -parse-as-library` and runs one target.
import PackageDescription

let package = Package(
    name: "ConcordFuzz",
    dependencies: [.package(name: "Concord", path: "..")],
    targets: [
        .executableTarget(name: "FuzzLoader", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
        .executableTarget(name: "FuzzPipeline", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
        .executableTarget(name: "FuzzCEL", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
        .executableTarget(name: "FuzzRuleFile", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
        .executableTarget(name: "FuzzConfiguration", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
        .executableTarget(name: "FuzzBaseline", dependencies: [.product(name: "ConcordRules", package: "Concord")]),
    ]
)
