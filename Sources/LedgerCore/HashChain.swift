/// Invariant 3: walks the hash chain in posting order and names the first entry where it breaks.
public struct HashChainVerifier: Sendable {
    public private(set) var expectedPrevious = CanonicalHash.genesis
    public private(set) var expectedSequence: Int64 = 1
    public private(set) var violations: [LedgerViolation] = []
    public private(set) var count = 0

    public init() {}

    /// Feeds the next entry in sequence order; records a violation where the chain does not hold.
    public mutating func feed(_ entry: PostedEntry) {
        count += 1
        if entry.sequence != expectedSequence {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.sequence", entry: entry.ref,
                message: "position \(entry.sequence) dans la chaîne, \(expectedSequence) attendue : une écriture a été supprimée ou insérée avant elle."))
        }
        if entry.previousHash != expectedPrevious {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.link", entry: entry.ref,
                message: "son lien vers l'écriture précédente ne correspond pas : une écriture a été supprimée, insérée ou modifiée juste avant elle."))
        }
        let recomputed = CanonicalHash.entryHash(previousHash: entry.previousHash, ref: entry.ref,
                                                 validDate: entry.validDate, draft: entry.draft)
        if recomputed != entry.hash {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.content", entry: entry.ref,
                message: "son contenu ne correspond plus à son empreinte SHA-256 : elle a été modifiée après sa validation."))
        }
        expectedPrevious = entry.hash
        expectedSequence = entry.sequence + 1
    }

    /// Feeds the next entry when its stored content cannot be read back (a date that is no day, an amount that is
    /// no integer, a NULL): clap never writes such a value, so its content is not what was hashed. The chain goes on
    /// from its stored hash, so that one damaged entry does not hide what follows.
    public mutating func feedUnreadable(sequence: Int64?, ref: EntryRef, previousHash: String?, hash: String?, reason: String) {
        count += 1
        if let sequence, sequence != expectedSequence {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.sequence", entry: ref,
                message: "position \(sequence) dans la chaîne, \(expectedSequence) attendue : une écriture a été supprimée ou insérée avant elle."))
        }
        if previousHash != expectedPrevious {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.link", entry: ref,
                message: "son lien vers l'écriture précédente ne correspond pas : une écriture a été supprimée, insérée ou modifiée juste avant elle."))
        }
        violations.append(LedgerViolation(
            invariant: 3, code: "chain.content", entry: ref,
            message: "son contenu ne peut plus correspondre à son empreinte SHA-256 : \(reason)"))
        expectedPrevious = hash ?? ""
        expectedSequence = (sequence ?? expectedSequence) + 1
    }

    /// Compares the end of the chain with the head the ledger recorded (catches a deleted last entry).
    public mutating func finish(recordedHeadHash: String, recordedCount: Int64) {
        if recordedHeadHash != expectedPrevious || recordedCount != Int64(count) {
            violations.append(LedgerViolation(
                invariant: 3, code: "chain.head",
                message: "la tête de chaîne enregistrée (\(recordedCount) écritures, \(recordedHeadHash.prefix(12))…) ne correspond pas à la chaîne lue (\(count) écritures, \(expectedPrevious.prefix(12))…) : des écritures ont été ajoutées ou supprimées à la fin."))
        }
    }
}
