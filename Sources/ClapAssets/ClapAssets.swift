import Foundation

/// The files shipped with clap: the numbered SQL migrations of `Schema/` and the default data of `Fixtures/`.
public enum ClapAssets {
    /// The folder holding the numbered `NNNN_name.sql` migrations.
    public static var schemaDirectory: URL { Bundle.module.resourceURL!.appendingPathComponent("Schema") }

    /// The folder holding the default chart, the default barème and the demo association.
    public static var fixturesDirectory: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    /// A fixture file by its path under `Fixtures/`.
    public static func fixture(_ relativePath: String) -> URL {
        fixturesDirectory.appendingPathComponent(relativePath)
    }
}
