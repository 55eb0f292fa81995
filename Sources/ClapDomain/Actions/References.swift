import Foundation

/// The opaque reference a team gives a patient's case (`ref_cas`): `[A-Za-z0-9-]{1,20}`, never a NIR.
public struct CaseReference: Hashable, Sendable, CustomStringConvertible {
    public static let lengthMax = 20
    public let rawValue: String

    /// Checks the format; a value that looks like a NIR is refused with `patient.nir`.
    public static func parse(_ text: String) -> Result<CaseReference, InputIssue> {
        let value = TextNormalization.trimmingWhitespace(text)
        if PatientIdentityGuard.looksLikeNIR(value) {
            return .failure(PatientIdentityGuard.nirIssue(column: ActionColumn.caseRef))
        }
        guard ReferenceFormat.matches(value, extra: "-", lengthMax: lengthMax) else {
            return .failure(InputIssue(code: "ref_cas.format",
                                       message: "« ref_cas » doit comporter de 1 à \(lengthMax) lettres sans accent, "
                                           + "chiffres ou tirets."))
        }
        return .success(CaseReference(rawValue: value))
    }

    public var description: String { rawValue }
}

/// A team's own reference of an action (column `action`): `[A-Za-z0-9._/-]{1,40}`, unique per team.
public struct ActionReference: Hashable, Sendable, CustomStringConvertible {
    public static let lengthMax = 40
    public let rawValue: String

    public static func parse(_ text: String) -> Result<ActionReference, InputIssue> {
        let value = TextNormalization.trimmingWhitespace(text)
        if PatientIdentityGuard.looksLikeNIR(value) {
            return .failure(PatientIdentityGuard.nirIssue(column: ActionColumn.reference))
        }
        guard ReferenceFormat.matches(value, extra: "._/-", lengthMax: lengthMax) else {
            return .failure(InputIssue(code: "action.reference_format",
                                       message: "« action » doit comporter de 1 à \(lengthMax) lettres sans accent, "
                                           + "chiffres ou caractères . _ / -"))
        }
        return .success(ActionReference(rawValue: value))
    }

    public var description: String { rawValue }
}

/// The reference of a pluriprofessional protocol (`ref_protocole`): `[A-Za-z0-9._/-]{1,40}`.
public struct ProtocolReference: Hashable, Sendable, CustomStringConvertible {
    public static let lengthMax = 40
    public let rawValue: String

    public static func parse(_ text: String) -> Result<ProtocolReference, InputIssue> {
        let value = TextNormalization.trimmingWhitespace(text)
        if PatientIdentityGuard.looksLikeNIR(value) {
            return .failure(PatientIdentityGuard.nirIssue(column: ActionColumn.protocolRef))
        }
        guard ReferenceFormat.matches(value, extra: "._/-", lengthMax: lengthMax) else {
            return .failure(InputIssue(code: "ref_protocole.format",
                                       message: "« ref_protocole » doit comporter de 1 à \(lengthMax) lettres sans accent, "
                                           + "chiffres ou caractères . _ / -"))
        }
        return .success(ProtocolReference(rawValue: value))
    }

    public var description: String { rawValue }
}

/// The shared character check of references: ASCII letters, digits and a few extra characters.
enum ReferenceFormat {
    /// Read byte by byte: every accepted character is one ASCII byte, so any other byte refuses the value, and
    /// the byte count is then the character count.
    static func matches(_ value: String, extra: String, lengthMax: Int) -> Bool {
        let bytes = value.utf8
        guard (1...lengthMax).contains(bytes.count) else { return false }
        let extraBytes = extra.utf8
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || extraBytes.contains(byte)
        }
    }
}
