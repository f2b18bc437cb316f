// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "VentureSim",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "VentureSim", targets: ["VentureSim"]),
        .executable(name: "venturesim", targets: ["venturesim"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 of partial payloads and scenario digests.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")
    ],
    targets: [
        // GSL (Debian: libgsl-dev), found through pkg-config.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Philox4x32-10 from Random123 (Debian: librandom123-dev, header only),
        // exposed as a GSL generator type so GSL's samplers draw from it.
        .target(
            name: "CPhilox",
            dependencies: ["CGSL"]
        ),
        // printf's %.17g for the per-trial CSV.
        .target(name: "CFormat"),
        // The month loop for eight trials at once, built for the baseline, AVX2 and AVX-512 (chosen at run time).
        .target(name: "CLanes"),
        // Column passes of the summary in vector lanes (the bracketed selection's counting pass).
        .target(name: "CPasses"),
        .target(
            name: "VentureSim",
            dependencies: [
                "CGSL", "CPhilox", "CFormat", "CLanes", "CPasses",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .executableTarget(
            name: "venturesim",
            dependencies: [
                "VentureSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .testTarget(
            name: "VentureSimTests",
            dependencies: ["VentureSim", "CGSL", "CPhilox"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["VentureSim", "venturesim"]
        )
    ]
)
