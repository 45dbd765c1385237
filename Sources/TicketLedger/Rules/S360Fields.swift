/// The field names a mapping rule set may use, on both sides of the S360-TNG mapping.
enum S360Fields {
    /// S-360 contact fields a holder mapping may fill (docs/domain.md §6).
    static let holderFields: Set<String> = [
        "individualTitle", "individualFirstname", "individualLastname", "individualBirthdate",
        "email", "individualCountryCode", "individualIdNumber", "individualPassportNumber",
        "cellPhoneNumber", "countryCode", "individualPreferredLanguage", "CNIL_O", "CNIL_T",
    ]

    /// Paths under `spectatorDetails` that TIXnGO sends (docs/feedback-api.yaml `SpectatorDetails`).
    static let spectatorPaths: Set<[String]> = [
        ["title"], ["firstName"], ["lastName"], ["dateOfBirth"], ["email"], ["nationality"],
        ["residenceCountry"], ["idCardNumber"], ["passportNumber"], ["phoneNumber"], ["language"],
        ["organizerSpectatorPreference", "allowPromoEmail"],
        ["organizerSpectatorPreference", "allowThirdPartyEmail"],
    ]

    /// The holder fields as an error message lists them.
    static let holderFieldList = holderFields.sorted().joined(separator: ", ")

    /// The `spectatorDetails` paths, dotted, as an error message and a drop-down list them.
    static let dottedSpectatorPaths = spectatorPaths.map { $0.joined(separator: ".") }.sorted()

    /// The paths as an error message lists them.
    static var spectatorPathList: String { dottedSpectatorPaths.joined(separator: ", ") }

    /// The S-360 field a beacon name lands in.
    static let beaconName = "beaconName"

    /// The S-360 field for TIXnGO's `ticketDetails.extra` entry `ExtraInfoN` (N ≥ 1), or nil.
    static func extraInfoField(for tixngoKey: String) -> String? {
        guard tixngoKey.hasPrefix("ExtraInfo") else { return nil }
        let number = tixngoKey.dropFirst("ExtraInfo".count)
        guard let n = Int(number), n >= 1, String(n) == number else { return nil }
        return "extraInfo\(n)"
    }
}
