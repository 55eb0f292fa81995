/// The bounds every imported file must fit in, checked before any work that could exhaust memory.
public struct InputLimits: Hashable, Sendable {
    /// Largest accepted file, in bytes.
    public var fileBytesMax: Int
    /// Most data rows (the header not counted) in one file.
    public var rowsMax: Int
    /// Most columns in one row.
    public var columnsMax: Int
    /// Longest field, in characters (Unicode scalars after NFC, which is characters for French text).
    public var fieldCharactersMax: Int
    /// Most issues listed for one file; beyond, one last issue says how many were left out.
    public var issuesMax: Int

    public init(
        fileBytesMax: Int = InputLimits.fileBytesMaxDefault,
        rowsMax: Int = InputLimits.rowsMaxDefault,
        columnsMax: Int = InputLimits.columnsMaxDefault,
        fieldCharactersMax: Int = InputLimits.fieldCharactersMaxDefault,
        issuesMax: Int = InputLimits.issuesMaxDefault
    ) {
        self.fileBytesMax = fileBytesMax
        self.rowsMax = rowsMax
        self.columnsMax = columnsMax
        self.fieldCharactersMax = fieldCharactersMax
        self.issuesMax = issuesMax
    }

    public static let fileBytesMaxDefault = 64 * 1024 * 1024
    public static let rowsMaxDefault = 1_000_000
    public static let columnsMaxDefault = 64
    public static let fieldCharactersMaxDefault = 2_000
    public static let issuesMaxDefault = 1_000

    /// The limits used by every import unless a test asks for smaller ones.
    public static let standard = InputLimits()
}
