/// A seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014), written out here so that the same
/// seed gives the same sequence on every platform and Swift version: `clap generate` is byte-for-byte repeatable.
/// Deliberately not a `RandomNumberGenerator`, so no standard-library algorithm with its own, unpinned way of
/// drawing numbers can slip in.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in the range (the modulo bias is below 2⁻⁴⁰ for the small ranges used here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True `perMille` times in a thousand.
    public mutating func chance(perMille: Int) -> Bool { int(in: 0...999) < perMille }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }

    /// An index drawn with the given integer weights (at least one positive).
    public mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "at least one positive weight")
        var draw = int(in: 0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    /// A new generator for a sub-stream (one per month, say), so that changing how one part draws numbers
    /// does not shift every number drawn after it.
    public mutating func fork() -> SplitMix64 { SplitMix64(seed: next()) }
}
