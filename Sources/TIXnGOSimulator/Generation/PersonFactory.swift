import SharedSupport

/// Turns a person id into the same invented spectator every time, for one seed.
struct PersonFactory: Sendable {
    let seed: UInt64

    private static let cumulativeWeights: [Double] = {
        let total = CountryProfile.weights.reduce(0, +)
        var running = 0.0
        return CountryProfile.weights.map { running += $0 / total; return running }
    }()

    private static let emailDomains = ["example.com", "example.org", "example.net", "mail.example"]
    private static let idAlphabet = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789".utf8)

    /// The spectator details of `person`.
    func details(of person: UInt64) -> SpectatorDetails {
        var rng = SplitMix64(seed: seed, stream: person, substream: 1)
        let nationality = Self.country(rng.unit())
        let residence = rng.chance(0.2) ? Self.country(rng.unit(), other: nationality) : nationality
        let female = rng.chance(0.5)
        let firstName = rng.pick(female ? nationality.femaleNames : nationality.maleNames)
        let lastName = rng.pick(nationality.lastNames)
        let title = female ? (rng.chance(0.3) ? "MRS" : "MS") : (rng.chance(0.05) ? "DR" : "MR")
        let birthDay = rng.int(in: -7305...14_610)  // 1950-01-01 ... 2010-01-01
        var details = SpectatorDetails(
            title: title, firstName: firstName, lastName: lastName,
            dateOfBirth: RFC3339.dateString(days: birthDay),
            email: email(firstName: firstName, lastName: lastName, person: person, rng: &rng),
            nationality: nationality.code, residenceCountry: residence.code,
            idCardNumber: Self.code(length: 9, rng: &rng),
            phoneNumber: residence.phonePrefix + String(rng.int(in: 1_000_000...9_999_999)),
            language: residence.language,
            organizerSpectatorPreference: OrganizerSpectatorPreference(
                allowPromoEmail: rng.chance(0.4), allowThirdPartyEmail: rng.chance(0.2)))
        if residence.code != nationality.code, rng.chance(0.5) {
            details.passportNumber = Self.code(length: 8, rng: &rng)
        }
        return details
    }

    /// The e-mail address of `person`, unique to that person: the same as in ``details(of:)``.
    func email(of person: UInt64) -> String {
        details(of: person).email ?? ""
    }

    /// The id of the TIXnGO wallet of `person`.
    func walletId(of person: UInt64) -> String {
        "w-" + String(SplitMix64.mix(seed ^ person) & 0xFFFF_FFFF_FFFF, radix: 16)
    }

    private func email(firstName: String, lastName: String, person: UInt64, rng: inout SplitMix64) -> String {
        let local = Self.ascii(firstName) + "." + Self.ascii(lastName)
        return local + "." + String(person, radix: 36) + "@" + rng.pick(Self.emailDomains)
    }

    private static func country(_ draw: Double, other excluded: CountryProfile? = nil) -> CountryProfile {
        let profiles = CountryProfile.all
        let index = cumulativeWeights.firstIndex { draw < $0 } ?? profiles.count - 1
        guard let excluded, profiles[index].code == excluded.code else { return profiles[index] }
        return profiles[(index + 1) % profiles.count]
    }

    private static func code(length: Int, rng: inout SplitMix64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(length)
        for _ in 0..<length { bytes.append(idAlphabet[Int(rng.next() % UInt64(idAlphabet.count))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lower-case ASCII letters of a name, accents removed, for an e-mail local part.
    private static func ascii(_ name: String) -> String {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII {
                if ("a"..."z").contains(scalar) { result.unicodeScalars.append(scalar) }
            } else if let plain = foldedLetters[scalar] {
                result.unicodeScalars.append(plain)
            }
        }
        return result
    }

    private static let foldedLetters: [Unicode.Scalar: Unicode.Scalar] = [
        "á": "a", "à": "a", "â": "a", "ã": "a", "ä": "a", "ç": "c", "é": "e", "è": "e", "ê": "e",
        "ë": "e", "í": "i", "î": "i", "ï": "i", "ñ": "n", "ó": "o", "ô": "o", "õ": "o", "ö": "o",
        "ú": "u", "ü": "u", "û": "u",
    ]
}
