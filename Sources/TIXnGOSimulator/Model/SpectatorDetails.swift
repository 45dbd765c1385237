/// The holder of a ticket as TIXnGO sends it (docs/domain.md §6).
public struct SpectatorDetails: Sendable, Hashable, Codable {
    /// Title, e.g. "MR".
    public var title: String?
    /// First name.
    public var firstName: String?
    /// Last name.
    public var lastName: String?
    /// Birth date, yyyy-MM-dd.
    public var dateOfBirth: String?
    /// E-mail address.
    public var email: String?
    /// Nationality, ISO 3166-1 alpha-2.
    public var nationality: String?
    /// Country of residence, ISO 3166-1 alpha-2.
    public var residenceCountry: String?
    /// Identity card number.
    public var idCardNumber: String?
    /// Passport number.
    public var passportNumber: String?
    /// Mobile phone number.
    public var phoneNumber: String?
    /// Preferred language, ISO 639-1.
    public var language: String?
    /// E-mail consents.
    public var organizerSpectatorPreference: OrganizerSpectatorPreference?

    /// Creates spectator details; every field is optional.
    public init(
        title: String? = nil, firstName: String? = nil, lastName: String? = nil,
        dateOfBirth: String? = nil, email: String? = nil, nationality: String? = nil,
        residenceCountry: String? = nil, idCardNumber: String? = nil, passportNumber: String? = nil,
        phoneNumber: String? = nil, language: String? = nil,
        organizerSpectatorPreference: OrganizerSpectatorPreference? = nil
    ) {
        self.title = title
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.email = email
        self.nationality = nationality
        self.residenceCountry = residenceCountry
        self.idCardNumber = idCardNumber
        self.passportNumber = passportNumber
        self.phoneNumber = phoneNumber
        self.language = language
        self.organizerSpectatorPreference = organizerSpectatorPreference
    }
}
