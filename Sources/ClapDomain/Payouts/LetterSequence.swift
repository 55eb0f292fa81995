/// Lettering codes (EcritureLet) of one account and third party, in order: A, B, … Z, AA, AB, … AZ, BA, … ZZ, AAA.
public enum LetterSequence {
    /// The letter at a zero-based position: 0 → `A`, 25 → `Z`, 26 → `AA`, 701 → `ZZ`, 702 → `AAA`.
    public static func letter(at index: Int) -> String {
        precondition(index >= 0, "a letter position is never negative")
        var remaining = index + 1
        var scalars: [Character] = []
        while remaining > 0 {
            remaining -= 1
            scalars.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remaining % 26))))
            remaining /= 26
        }
        return String(scalars.reversed())
    }
}
