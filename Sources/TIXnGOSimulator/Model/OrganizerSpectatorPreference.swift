/// The spectator's consent to e-mails from the organizer and from third parties.
public struct OrganizerSpectatorPreference: Sendable, Hashable, Codable {
    /// Consent to the organizer's promotional e-mails (S-360 CNIL_O).
    public var allowPromoEmail: Bool?
    /// Consent to third parties' e-mails (S-360 CNIL_T).
    public var allowThirdPartyEmail: Bool?

    /// Creates a preference.
    public init(allowPromoEmail: Bool? = nil, allowThirdPartyEmail: Bool? = nil) {
        self.allowPromoEmail = allowPromoEmail
        self.allowThirdPartyEmail = allowThirdPartyEmail
    }
}
