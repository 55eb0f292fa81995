import GRDB
import GRDBSQLite

/// Rows inserted a hundred to a statement as they are added, through one reused buffer of values: no array of a
/// whole batch's values is ever built (a month's import held 1.7 MB of them for its posting lines alone, and the
/// kernel zeroed fresh pages for each). Used through `RowInserter.insert`, which writes the last rows.
struct RowInserter {
    /// Rows per multi-row INSERT: well under SQLite's limit of host parameters, whatever the columns.
    static let rowsPerStatement = 100

    private let table: String
    private let columns: Int
    private let conflict: String
    private var values: [(any DatabaseValueConvertible)?] = []

    private init(table: String, columns: Int, conflict: String) {
        self.table = table
        self.columns = columns
        self.conflict = conflict
        values.reserveCapacity(Self.rowsPerStatement * columns)
    }

    /// Inserts into `table` (its name and column list) the rows `body` adds, then the last of them.
    /// `conflict` is an `ON CONFLICT …` clause, for the running totals.
    static func insert(into table: String, columns: Int, conflict: String = "", in db: Database,
                       _ body: (inout RowInserter) throws -> Void) throws {
        var inserter = RowInserter(table: table, columns: columns, conflict: conflict)
        try body(&inserter)
        try inserter.write(in: db)
    }

    /// Adds one row (its `columns` values, in the order of the column list); every hundred rows are written.
    mutating func add(_ row: [(any DatabaseValueConvertible)?], in db: Database) throws {
        precondition(row.count == columns, "one value per column")
        values.append(contentsOf: row)
        if values.count == Self.rowsPerStatement * columns { try write(in: db) }
    }

    private mutating func write(in db: Database) throws {
        guard !values.isEmpty else { return }
        let count = values.count / columns
        let sql = "INSERT INTO \(table) VALUES \(Self.rows(count, columns: columns)) \(conflict)"
        // Full statements are kept prepared; the last, shorter one is of any length and is not.
        let statement = count == Self.rowsPerStatement ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        // The values are bound straight to SQLite: GRDB would first copy them into `StatementArguments` and check
        // them, a tenth of a month's import. `setUncheckedArguments` resets the statement and clears its bindings;
        // `execute()` then runs it with the values bound here, through GRDB (its checks and error reporting).
        statement.setUncheckedArguments(StatementArguments())
        guard Int(sqlite3_bind_parameter_count(statement.sqliteStatement)) == values.count else {
            throw DatabaseError(resultCode: .SQLITE_RANGE, message: "\(values.count) values for the statement's parameters", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let code = Self.bind(value?.databaseValue ?? .null, to: statement.sqliteStatement, at: Int32(offset + 1))
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: sql)
            }
        }
        try statement.execute()
        values.removeAll(keepingCapacity: true)
    }

    /// SQLite copies the bytes of text and blobs it is given (the values array is reused).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds one value as GRDB would (`DatabaseValue.bind`): text as a C string, copied.
    private static func bind(_ value: DatabaseValue, to statement: SQLiteStatement, at index: Int32) -> Int32 {
        switch value.storage {
        case .null: sqlite3_bind_null(statement, index)
        case .int64(let integer): sqlite3_bind_int64(statement, index, integer)
        case .double(let double): sqlite3_bind_double(statement, index, double)
        case .string(let string): sqlite3_bind_text(statement, index, string, -1, transient)
        case .blob(let data): data.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    /// `?, ?, ?` for a list of `count` values.
    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `(?, ?), (?, ?)` for `count` rows of `columns` values (one statement for several rows).
    static func rows(_ count: Int, columns: Int) -> String {
        Array(repeating: "(" + placeholders(columns) + ")", count: count).joined(separator: ", ")
    }
}
