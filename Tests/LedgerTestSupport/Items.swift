/// TicketChange items as JSON text, for fixtures written in tests.
public enum Items {
    /// A spectator's details; the email is derived from the name.
    public static func spectator(_ first: String, _ last: String, nationality: String = "FR", residence: String = "FR") -> String {
        """
        {"title":"MR","firstName":"\(first)","lastName":"\(last)","dateOfBirth":"1990-01-02",\
        "email":"\(first.lowercased()).\(last.lowercased())@example.com","nationality":"\(nationality)",\
        "residenceCountry":"\(residence)","idCardNumber":"ID\(last.uppercased())","phoneNumber":"+33600000000","language":"fr",\
        "organizerSpectatorPreference":{"allowPromoEmail":true,"allowThirdPartyEmail":false}}
        """
    }

    /// A lifecycle-shaped item.
    public static func lifecycle(
        _ ticket: String, _ status: String, at date: String, details: String? = nil, extra: String = ""
    ) -> String {
        var members = [#""ticketId":"\#(ticket)""#, #""statusDate":"\#(date)""#, #""status":"\#(status)""#, #""organizationId":"ORG-1""#]
        if let details { members.append(#""spectatorDetails":\#(details)"#) }
        if !extra.isEmpty { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// A history-shaped item.
    public static func history(
        _ ticket: String, legacy: String, action: String, state: String, at date: String, details: String? = nil
    ) -> String {
        var members = [
            #""ticketId":"\#(ticket)""#, #""statusDate":"\#(date)""#, #""legacyStatus":"\#(legacy)""#,
            #""action":"\#(action)""#, #""state":"\#(state)""#,
        ]
        if let details { members.append(#""spectatorDetails":\#(details)"#) }
        return "{" + members.joined(separator: ",") + "}"
    }
}
