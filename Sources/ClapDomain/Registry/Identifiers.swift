/// A team's identifier, e.g. `T044-001`.
public struct TeamID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// Wraps a value already known to be well formed (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: TeamID, rhs: TeamID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// A health professional's RPPS number: 11 digits, the last a Luhn key over the whole number.
public struct RPPS: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: RPPS, rhs: RPPS) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }
}

/// A code of the barème's action types (`RCP`, `PPS`, …); the barème may add types.
public struct ActionTypeCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: ActionTypeCode, rhs: ActionTypeCode) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    public static let rcp = ActionTypeCode("RCP")
    public static let rcpPatient = ActionTypeCode("RCP_PATIENT")
    public static let pps = ActionTypeCode("PPS")
    public static let protocole = ActionTypeCode("PROTOCOLE")
    public static let etp = ActionTypeCode("ETP")
}

/// The five departments of the Pays de la Loire.
public enum Department: String, CaseIterable, Sendable, Codable {
    case loireAtlantique = "44"
    case maineEtLoire = "49"
    case mayenne = "53"
    case sarthe = "72"
    case vendee = "85"

    public var label: String {
        switch self {
        case .loireAtlantique: "Loire-Atlantique"
        case .maineEtLoire: "Maine-et-Loire"
        case .mayenne: "Mayenne"
        case .sarthe: "Sarthe"
        case .vendee: "Vendée"
        }
    }
}

/// A team's legal form: none, or an association loi 1901 (required for ETP).
public enum LegalForm: String, CaseIterable, Sendable, Codable {
    case aucune
    case association
}

/// A team's lifecycle. Only an `active` team's actions are paid.
public enum TeamStatus: String, CaseIterable, Sendable, Codable {
    case projet
    case reconnue
    case active
    case suspendue
    case cloturee

    public var label: String {
        switch self {
        case .projet: "en projet"
        case .reconnue: "reconnue par l'ARS"
        case .active: "active"
        case .suspendue: "suspendue"
        case .cloturee: "clôturée"
        }
    }
}

/// The tariff group a profession falls in; the barème gives rates per group.
public enum TariffGroup: String, CaseIterable, Sendable, Codable {
    case medecin
    case dentiste
    case sageFemme = "sage_femme"
    case pharmacienBiologiste = "pharmacien_biologiste"
    case auxiliaire
}

/// The first-recours professions an ESP CLAP gathers.
public enum Profession: String, CaseIterable, Sendable, Codable {
    case medecinGeneraliste = "medecin_generaliste"
    case chirurgienDentiste = "chirurgien_dentiste"
    case sageFemme = "sage_femme"
    case pharmacien
    case biologiste
    case infirmier
    case masseurKinesitherapeute = "masseur_kinesitherapeute"
    case pedicurePodologue = "pedicure_podologue"
    case ergotherapeute
    case psychomotricien
    case orthophoniste
    case orthoptiste
    case dieteticien

    public var label: String {
        switch self {
        case .medecinGeneraliste: "Médecin généraliste"
        case .chirurgienDentiste: "Chirurgien-dentiste"
        case .sageFemme: "Sage-femme"
        case .pharmacien: "Pharmacien"
        case .biologiste: "Biologiste"
        case .infirmier: "Infirmier(e)"
        case .masseurKinesitherapeute: "Masseur-kinésithérapeute"
        case .pedicurePodologue: "Pédicure-podologue"
        case .ergotherapeute: "Ergothérapeute"
        case .psychomotricien: "Psychomotricien(ne)"
        case .orthophoniste: "Orthophoniste"
        case .orthoptiste: "Orthoptiste"
        case .dieteticien: "Diététicien(ne)"
        }
    }

    public var tariffGroup: TariffGroup {
        switch self {
        case .medecinGeneraliste: .medecin
        case .chirurgienDentiste: .dentiste
        case .sageFemme: .sageFemme
        case .pharmacien, .biologiste: .pharmacienBiologiste
        default: .auxiliaire
        }
    }
}

/// What a participant did in an action.
public enum ParticipantRole: String, CaseIterable, Sendable, Codable {
    case participant
    case referent
    case contributeur
    case animateur
}
