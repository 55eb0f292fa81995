import GRDB
import GRDBSQLite

/// Rows inserted a hundred to a statement as they are added, through one reused buffer of values: no array of a
/// whole batch's values is ever built (a month's posting lines alone would be 42,000 values). Used through
/// `RowInserter.insert`, which writes the last rows.
struct RowInserter {
    /// Rows per multi-row INSERT: well under SQLite's limit of host parameters, whatever the columns.
    static let rowsPerStatement = 100

    private let table: String
    private let columns: Int
    private let conflict: String
    /// The values as GRDB binds them (null, integer, real, text or blob).
    private var values: [DatabaseValue] = []
    /// The statements by number of rows (100, 10, 1), kept for the inserter's life (`statement(rows:in:)`).
    private var statementByRows: [Int: Statement] = [:]

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
    /// The values are a parameter pack, each of its own type, rather than an array of existentials: building,
    /// copying and destroying those arrays, a value at a time through witnesses, took 5 % of a month's import.
    mutating func add<each Value: DatabaseValueConvertible>(_ value: repeat each Value, in db: Database) throws {
        let start = values.count
        repeat values.append((each value).databaseValue)
        precondition(values.count - start == columns, "one value per column")
        if values.count == Self.rowsPerStatement * columns { try write(in: db) }
    }

    /// Adds one row whose values are only known at run time (`LedgerWriter.insertRows`).
    mutating func add(row: ArraySlice<(any DatabaseValueConvertible)?>, in db: Database) throws {
        precondition(row.count == columns, "one value per column")
        for value in row { values.append(value?.databaseValue ?? .null) }
        if values.count == Self.rowsPerStatement * columns { try write(in: db) }
    }

    /// Writes the rows added so far: a full hundred in one statement; fewer (the last rows) by statements of ten rows,
    /// then of one, so that every statement is prepared once per command and kept (`cachedStatement`).
    private mutating func write(in db: Database) throws {
        var row = 0
        let count = values.count / columns
        while row < count {
            let rows = count - row >= Self.rowsPerStatement ? Self.rowsPerStatement : count - row >= 10 ? 10 : 1
            try execute(rows: rows, from: row * columns, in: db)
            row += rows
        }
        values.removeAll(keepingCapacity: true)
    }

    /// Runs the statement for `rows` rows on the values from `start`. The values are bound straight to SQLite: GRDB
    /// would first copy them into `StatementArguments` and check them, a tenth of a month's import. `execute()`
    /// then runs the statement with the values bound here, through GRDB (its checks and error reporting).
    private mutating func execute(rows: Int, from start: Int, in db: Database) throws {
        let statement = try statement(rows: rows, in: db)
        // SQLite binds only to a statement reset since it last ran.
        sqlite3_reset(statement.sqliteStatement)
        let count = rows * columns
        guard Int(sqlite3_bind_parameter_count(statement.sqliteStatement)) == count else {
            throw DatabaseError(resultCode: .SQLITE_RANGE, message: "\(count) values for the statement's parameters", sql: statement.sql)
        }
        for index in 0..<count {
            let code = Self.bind(values[start + index], to: statement.sqliteStatement, at: Int32(index + 1))
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)),
                                    sql: statement.sql)
            }
        }
        try statement.execute()
    }

    /// The statement for `rows` rows, from GRDB's cache the first time and then kept: its text, 700 placeholders for
    /// a hundred posting lines, is built and looked up once per inserter. `setUncheckedArguments` tells GRDB that
    /// its arguments are set (none, unchecked), so that each `execute()` only resets it: clearing the last
    /// statement's values before binding the next took 1.6 % of a month's import. `execute(rows:from:in:)` resets
    /// it and binds every value again before each execution.
    private mutating func statement(rows: Int, in db: Database) throws -> Statement {
        if let statement = statementByRows[rows] { return statement }
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table) VALUES \(Self.rows(rows, columns: columns)) \(conflict)")
        statement.setUncheckedArguments(StatementArguments())
        statementByRows[rows] = statement
        return statement
    }

    /// SQLite copies the bytes of text and blobs it is given (the values array is reused).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds one value as GRDB would (`DatabaseValue.bind`), text and blobs copied. Text is given as its UTF-8 bytes
    /// and their count, without the C string GRDB builds first (an allocation per value): up to its first NUL byte,
    /// where GRDB's C string ends too; the empty string, which may have no bytes to point at, as a C string.
    private static func bind(_ value: DatabaseValue, to statement: SQLiteStatement, at index: Int32) -> Int32 {
        switch value.storage {
        case .null: return sqlite3_bind_null(statement, index)
        case .int64(let integer): return sqlite3_bind_int64(statement, index, integer)
        case .double(let double): return sqlite3_bind_double(statement, index, double)
        case .string(var string):
            if string.isEmpty { return sqlite3_bind_text(statement, index, "", 0, transient) }
            return string.withUTF8 { bytes in
                sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.firstIndex(of: 0) ?? bytes.count), transient)
            }
        case .blob(let data):
            return data.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    /// `?, ?, ?` for a list of `count` values.
    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `(?, ?), (?, ?)` for `count` rows of `columns` values (one statement for several rows).
    private static func rows(_ count: Int, columns: Int) -> String {
        Array(repeating: "(" + placeholders(columns) + ")", count: count).joined(separator: ", ")
    }
}
