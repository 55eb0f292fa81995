import ClapDomain
import Foundation
import LedgerCore

/// A generated team, as its `equipes.csv` row says it.
struct GeneratedTeam {
    let id: String
    let name: String
    let department: Department
    let arsNumber: String
    let registeredOn: Day
    /// Nil: registered by the ARS but no convention signed (`reconnue`): its actions are rejected.
    let conventionOn: Day?
    let legalForm: LegalForm
    let types: [ActionTypeCode]
}

/// A generated professional, as its `professionnels.csv` row says it.
struct GeneratedProfessional {
    let rpps: RPPS
    let lastName: String
    let firstName: String
    let profession: Profession
    let iban: IBAN
    let bic: String?
    let email: String?
    /// Nil: never signed the individual convention (their actions are rejected).
    let conventionOn: Day?
}

/// A generated membership (indexes into the registry's arrays).
struct GeneratedMembership {
    let team: Int
    let professional: Int
    let from: Day
    let to: Day?

    func covers(_ day: Day) -> Bool { from <= day && to.map { day <= $0 } != false }
}

/// The generated registry: teams of about ten professionals (two general practitioners first), a few shared
/// between neighbouring teams, a few leaving and replaced during the history.
struct GeneratedRegistry {
    var teams: [GeneratedTeam] = []
    var professionals: [GeneratedProfessional] = []
    var memberships: [GeneratedMembership] = []
    /// Membership indexes of each team.
    var membersByTeam: [[Int]] = []

    /// Professionals founding each team.
    static let foundersPerTeam = 10

    static func make(_ options: GeneratorOptions, random: inout SplitMix64) -> GeneratedRegistry {
        var registry = GeneratedRegistry()
        let rppsBase = random.int(in: 0...99_999_999)
        let historyEnd = Day(year: options.startYear + options.years - 1, month: 12, day: 31)!
        for index in 0..<options.teams {
            let team = makeTeam(index, options: options, random: &random)
            registry.teams.append(team)
            registry.membersByTeam.append([])
            for seat in 0..<foundersPerTeam {
                let profession = seat < 2 ? Profession.medecinGeneraliste
                    : GeneratorVocabulary.otherProfessions[random.weightedIndex(GeneratorVocabulary.otherProfessions.map(\.1))].0
                let from = seat < 6 ? team.registeredOn : (team.conventionOn ?? team.registeredOn)
                let professional = registry.addProfessional(profession, signing: team.conventionOn, rppsBase: rppsBase, random: &random)
                registry.addMembership(team: index, professional: professional, from: from, to: nil)
            }
            // One team in twenty shares a member with the team before it (a pharmacist, a physiotherapist…).
            if index > 0, random.chance(perMille: 50) {
                let neighbour = registry.membersByTeam[index - 1].map { registry.memberships[$0].professional }
                let shared = neighbour[random.int(in: 2...(neighbour.count - 1))]
                registry.addMembership(team: index, professional: shared, from: max(team.conventionOn ?? team.registeredOn,
                                                                                       registry.professionals[shared].conventionOn ?? team.registeredOn),
                                       to: nil)
            }
            // Three members in a hundred leave during the history; someone of the same profession takes the seat.
            for membership in registry.membersByTeam[index] where random.chance(perMille: 30) {
                let leaving = registry.memberships[membership]
                let start = max(leaving.from, Day(year: options.startYear, month: 1, day: 1)!)
                let span = historyEnd.ordinal - start.ordinal - 31
                guard span > 0, let left = start.adding(days: random.int(in: 0...span)), let joined = left.adding(days: 1) else { continue }
                registry.memberships[membership] = GeneratedMembership(team: index, professional: leaving.professional, from: leaving.from, to: left)
                let profession = registry.professionals[leaving.professional].profession
                let successor = registry.addProfessional(profession, signing: joined, rppsBase: rppsBase, random: &random)
                registry.addMembership(team: index, professional: successor, from: joined, to: nil)
            }
        }
        return registry
    }

    static func makeTeam(_ index: Int, options: GeneratorOptions, random: inout SplitMix64) -> GeneratedTeam {
        let department = Department.allCases[index % Department.allCases.count]
        let rank = index / Department.allCases.count
        let towns = GeneratorVocabulary.towns[department] ?? ["Pays de la Loire"]
        let round = rank / towns.count
        let name = "ESP CLAP " + towns[rank % towns.count] + (round > 0 ? " \(round + 1)" : "")
        // Most teams exist before the history starts; three in a hundred join during it.
        let joinsLater = options.years > 1 && random.chance(perMille: 30)
        let registrationYear = joinsLater ? options.startYear + random.int(in: 0...(options.years - 1)) : options.startYear - 1
        let registeredOn = Day(year: registrationYear, month: random.int(in: 1...(joinsLater ? 10 : 9)), day: random.int(in: 1...28))!
        // One team in a hundred is registered by the ARS but never signs its convention.
        let conventionOn = random.chance(perMille: 10) ? nil : registeredOn.adding(days: random.int(in: 20...75))
        let legalForm: LegalForm = random.chance(perMille: 300) ? .association : .aucune
        var types: [ActionTypeCode] = [.rcp]
        if random.chance(perMille: 700) { types.append(.rcpPatient) }
        if random.chance(perMille: 700) { types.append(.pps) }
        if random.chance(perMille: 500) { types.append(.protocole) }
        if legalForm == .association, random.chance(perMille: 800) { types.append(.etp) }
        let number = String(rank + 1).leftPadded(to: 3)
        return GeneratedTeam(id: "T0\(department.rawValue)-\(number)", name: name, department: department,
                             arsNumber: "ARS-PDL-\(department.rawValue)-\(registrationYear)-\(number)", registeredOn: registeredOn,
                             conventionOn: conventionOn, legalForm: legalForm, types: types)
    }

    mutating func addProfessional(_ profession: Profession, signing teamConvention: Day?, rppsBase: Int,
                                  random: inout SplitMix64) -> Int {
        let index = professionals.count
        // 9 973 is prime to 10⁸: distinct indexes give distinct numbers.
        let payload = "10" + String((rppsBase + index * 9_973) % 100_000_000).leftPadded(to: 8)
        let bank = random.pick(GeneratorVocabulary.banks)
        let account = String(random.int(in: 0...99_999_999_999)).leftPadded(to: 11)
        let first = random.pick(GeneratorVocabulary.firstNames)
        let last = random.pick(GeneratorVocabulary.lastNames)
        let email = random.chance(perMille: 750) ? Self.mailbox(first: first, last: last, index: index) + "@" + random.pick(GeneratorVocabulary.mailDomains) : nil
        // Five in a thousand never sign their individual convention; the others sign within two months of the team.
        let signs = !random.chance(perMille: 5)
        let convention = signs ? teamConvention?.adding(days: random.int(in: 0...60)) : nil
        professionals.append(GeneratedProfessional(
            rpps: CheckDigits.rpps(payload: payload), lastName: last, firstName: first, profession: profession,
            iban: CheckDigits.frenchIBAN(bank: bank.bank, branch: bank.branch, account: account),
            bic: random.chance(perMille: 700) ? bank.bic : nil, email: email, conventionOn: convention))
        return index
    }

    mutating func addMembership(team: Int, professional: Int, from: Day, to: Day?) {
        membersByTeam[team].append(memberships.count)
        memberships.append(GeneratedMembership(team: team, professional: professional, from: from, to: to))
    }

    /// `prenom.nom.123`: accents and spaces dropped, so the address is plain ASCII.
    static func mailbox(first: String, last: String, index: Int) -> String {
        func plain(_ text: String) -> String {
            text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
                .filter { ($0 >= "a" && $0 <= "z") || $0 == "-" }
        }
        return plain(first) + "." + plain(last) + "." + String(index)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
