// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "planscope",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "PlanScope", targets: ["PlanScope"]),
    .executable(name: "planscope", targets: ["planscope"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .systemLibrary(
      name: "CSQLite",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // PDF text with character positions (poppler's GLib binding).
    .systemLibrary(
      name: "CPoppler",
      pkgConfig: "poppler-glib",
      providers: [.apt(["libpoppler-glib-dev"])]
    ),
    // SHA-256 through OpenSSL's libcrypto (EVP_Digest).
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    // Linux calls Glibc's module leaves out (syncfs, sync_file_range).
    .systemLibrary(name: "CLinux"),
    .target(
      name: "PlanScope",
      dependencies: ["CLibXML2", "CZlib", "CSQLite", "CCrypto", "CPoppler", "CLinux"],
      resources: [.copy("Resources/Lexicons")]
    ),
    // The benchmark suite (`planscope bench`): corpora, stage timings, reference tools. Not part
    // of the library users link.
    .target(name: "PlanScopeBench", dependencies: ["PlanScope"]),
    .executableTarget(
      name: "planscope",
      dependencies: [
        "PlanScope", "PlanScopeBench",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "PlanScopeTests",
      // The executable is a dependency so command-line tests can run the freshly built tool.
      dependencies: ["PlanScope", "PlanScopeBench", "planscope"],
      // Fixtures, case tables and golden files are read from the source tree via #filePath,
      // so `make golden` can rewrite them in place.
      exclude: ["Fixtures", "Cases", "Golden"]
    ),
  ]
)
