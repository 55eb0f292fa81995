/// Debit and credit sums per key, the keys in the order they were first added (so that rows built from them are
/// written in the same order on every run). One hash lookup per addition: the totals of a month's import add
/// about 60,000 lines.
struct OrderedSums<Key: Hashable> {
    struct Sides {
        var debit: Int64 = 0
        var credit: Int64 = 0
    }

    private var indexByKey: [Key: Int] = [:]
    private(set) var keys: [Key] = []
    private(set) var sides: [Sides] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func add(_ key: Key, debit: Int64, credit: Int64) {
        if let index = indexByKey[key] {
            sides[index].debit += debit
            sides[index].credit += credit
        } else {
            indexByKey[key] = keys.count
            keys.append(key)
            sides.append(Sides(debit: debit, credit: credit))
        }
    }

    mutating func removeAll() {
        indexByKey.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        sides.removeAll(keepingCapacity: true)
    }
}

extension OrderedSums: Sendable where Key: Sendable {}
