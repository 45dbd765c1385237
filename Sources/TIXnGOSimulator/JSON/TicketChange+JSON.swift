extension TicketChange {
    /// Writes the item as compact JSON, fields in the wire order of the samples, absent ones omitted.
    func write(to json: inout JSONWriter) {
        json.openObject()
        json.field("ticketId", ticketId)
        json.field("organizationId", organizationId)
        json.field("eventId", eventId)
        json.field("statusDate", statusDate)
        json.field("status", status?.rawValue)
        json.field("legacyStatus", legacyStatus?.rawValue)
        json.field("action", action?.rawValue)
        json.field("state", state?.rawValue)
        json.field("transactionId", transactionId)
        json.field("ownerId", ownerId)
        if let spectatorDetails {
            json.key("spectatorDetails")
            spectatorDetails.write(to: &json)
        }
        if let pendingTransfer {
            json.key("pendingTransfer")
            json.openObject()
            json.field("recipientEmail", pendingTransfer.recipientEmail)
            json.field("senderOwnerId", pendingTransfer.senderOwnerId)
            json.closeObject()
        }
        if let activation {
            json.key("activation")
            json.openObject()
            json.field("method", activation.method?.rawValue)
            json.field("time", activation.time)
            json.closeObject()
        }
        if let control {
            json.key("control")
            json.openObject()
            json.field("time", control.time)
            json.field("gate", control.gate)
            json.closeObject()
        }
        json.field("deletionReason", deletionReason?.rawValue)
        json.field("beaconName", beaconName)
        if let ticketDetails {
            json.key("ticketDetails")
            json.openObject()
            if let extra = ticketDetails.extra {
                json.key("extra")
                json.openObject()
                for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
                    json.key(name: name)
                    json.string(value)
                }
                json.closeObject()
            }
            json.closeObject()
        }
        json.closeObject()
    }

    /// The item as compact JSON bytes.
    public func jsonBytes() -> [UInt8] {
        var json = JSONWriter(capacity: 768)
        write(to: &json)
        return json.bytes
    }
}

extension SpectatorDetails {
    /// Writes the details as a compact JSON object.
    func write(to json: inout JSONWriter) {
        json.openObject()
        json.field("title", title)
        json.field("firstName", firstName)
        json.field("lastName", lastName)
        json.field("dateOfBirth", dateOfBirth)
        json.field("email", email)
        json.field("nationality", nationality)
        json.field("residenceCountry", residenceCountry)
        json.field("phoneNumber", phoneNumber)
        json.field("language", language)
        json.field("idCardNumber", idCardNumber)
        json.field("passportNumber", passportNumber)
        if let preference = organizerSpectatorPreference {
            json.key("organizerSpectatorPreference")
            json.openObject()
            json.field("allowPromoEmail", preference.allowPromoEmail)
            json.field("allowThirdPartyEmail", preference.allowThirdPartyEmail)
            json.closeObject()
        }
        json.closeObject()
    }
}
