import LedgerCore

/// An ESP CLAP team as registered with the association.
public struct Team: Hashable, Sendable, Codable {
    public let id: TeamID
    public let name: String
    public let department: Department
    /// The ARS registration number.
    public let arsNumber: String?
    public let arsRegisteredOn: Day?
    /// The date the team's convention with the association was signed.
    public let conventionOn: Day?
    public let legalForm: LegalForm
    /// The action types its health project chose, sorted.
    public let actionTypes: [ActionTypeCode]

    public init(id: TeamID, name: String, department: Department, arsNumber: String?, arsRegisteredOn: Day?,
                conventionOn: Day?, legalForm: LegalForm, actionTypes: [ActionTypeCode]) {
        self.id = id
        self.name = name
        self.department = department
        self.arsNumber = arsNumber
        self.arsRegisteredOn = arsRegisteredOn
        self.conventionOn = conventionOn
        self.legalForm = legalForm
        self.actionTypes = Array(Set(actionTypes)).sorted()
    }
}

/// A health professional as registered with the association.
public struct Professional: Hashable, Sendable, Codable {
    public let rpps: RPPS
    public let lastName: String
    public let firstName: String
    public let profession: Profession
    public let iban: IBAN
    public let bic: BIC?
    public let email: EmailAddress?
    /// The date the individual convention was signed; nil while not signed.
    public let conventionOn: Day?

    public init(rpps: RPPS, lastName: String, firstName: String, profession: Profession, iban: IBAN, bic: BIC?,
                email: EmailAddress?, conventionOn: Day?) {
        self.rpps = rpps
        self.lastName = lastName
        self.firstName = firstName
        self.profession = profession
        self.iban = iban
        self.bic = bic
        self.email = email
        self.conventionOn = conventionOn
    }

    /// `Claire LEMOINE`.
    public var displayName: String { firstName + " " + lastName.uppercased() }
}

/// A value read from an input file, with the line it came from (to name it in later errors).
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
