// swift-tools-version: 6.1
// The committed benchmark suite (ordo-one/benchmark): the month loop and the summary, with thresholds in
// Thresholds/ that `swift package benchmark thresholds check` holds them to. A package of its own, so the
// main package's build and `swift test` do not carry the benchmark tool. See scripts/bench-suite.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is the clone's: read it rather than assume it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "VentureSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "VentureSim", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
