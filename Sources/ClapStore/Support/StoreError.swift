import LedgerCore

/// What the store refuses, with a stable code and a French message.
public enum StoreError: Error, Hashable, Sendable {
    case databaseExists(path: String)
    case databaseMissing(path: String)
    case notInitialized
    case alreadyInitialized
    case schemaNewerThanProgram(applied: String)
    case posting(PostingError)
    case notFound(what: String)
    case refused(code: String, message: String)

    public var code: String {
        switch self {
        case .databaseExists: "db.exists"
        case .databaseMissing: "db.missing"
        case .notInitialized: "db.not_initialized"
        case .alreadyInitialized: "db.already_initialized"
        case .schemaNewerThanProgram: "db.schema_newer"
        case .posting(let error): error.code
        case .notFound: "not_found"
        case .refused(let code, _): code
        }
    }

    public var message: String {
        switch self {
        case .databaseExists(let path):
            "La base « \(path) » existe déjà : clap ne l'écrase pas. Choisissez un autre chemin avec --db."
        case .databaseMissing(let path):
            "La base « \(path) » n'existe pas. Créez-la avec « clap init » ou indiquez-la avec --db ou $CLAP_DB."
        case .notInitialized:
            "La base n'est pas initialisée : lancez « clap init »."
        case .alreadyInitialized:
            "La base est déjà initialisée."
        case .schemaNewerThanProgram(let applied):
            "La base a été écrite par une version plus récente de clap (migration « \(applied) ») : mettez clap à jour."
        case .posting(let error):
            error.message
        case .notFound(let what):
            "\(what) est introuvable."
        case .refused(_, let message):
            message
        }
    }
}

extension StoreError {
    /// A row of the monthly totals per third party that clap could not have written: whoever reads them stops here.
    static let unreadableThirdPartyTotal = StoreError.refused(code: "totals.unreadable", message:
        "Un total mensuel par tiers est illisible (table third_party_month) : lancez « clap verify ».")
}
