import Testing
@testable import TicketLedger

/// An edit of the valid fixture's text.
struct FixtureEdit: Sendable {
    var apply: @Sendable (String) -> String

    /// Replaces the whole line `line` with `lines` (none deletes it).
    static func replace(_ line: String, with lines: String...) -> FixtureEdit {
        FixtureEdit { MappingFixture.replacing(line, with: lines, in: $0) }
    }

    /// Inserts `added` right after the line `line`.
    static func add(_ added: String, after line: String) -> FixtureEdit {
        FixtureEdit { MappingFixture.replacing(line, with: [line, added], in: $0) }
    }

    /// Removes the section `[name]`.
    static func removeSection(_ name: String) -> FixtureEdit {
        FixtureEdit { MappingFixture.removingSection(name, from: $0) }
    }

    /// Deletes each of `lines`.
    static func delete(_ lines: String...) -> FixtureEdit {
        FixtureEdit { text in lines.reduce(text) { MappingFixture.replacing($1, with: [], in: $0) } }
    }
}

/// One bad edit of the valid fixture, and how the loader must refuse it.
struct Refusal: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var edit: FixtureEdit
    /// The line the error must name: the edited file's first line reading this (nil: the error names no line).
    var at: String?
    /// Text the reason must contain, naming the bad value.
    var reason: String
    /// A line the reason must name as where the value was first mapped.
    var firstOn: String?

    init(_ name: String, _ edit: FixtureEdit, at: String?, _ reason: String, firstOn: String? = nil) {
        (testDescription, self.edit, self.at, self.reason, self.firstOn) = (name, edit, at, reason, firstOn)
    }
}

@Suite struct MappingFileIsRefusedWithLineAndReason {
    static let refusals: [Refusal] = [
        // The file's shape.
        Refusal("wrong column count", .replace("DOWNLOADED,INITIAL_DELIVERY,PRINTED,false", with: "DOWNLOADED,INITIAL_DELIVERY,PRINTED"),
                at: "DOWNLOADED,INITIAL_DELIVERY,PRINTED", "expected 4 fields"),
        Refusal("unterminated quote", .replace("email,email", with: "email,\"email"), at: "email,\"email", "unterminated quote"),
        Refusal("stray quote", .replace("email,email", with: "email,em\"ail"), at: "email,em\"ail", "stray quote"),
        Refusal("row before any section", .add("version,test-0", after: "# A complete, valid rule set for the mapping tests; the tests edit it line by line."),
                at: "version,test-0", "row before any [section]"),
        Refusal("unknown section", .replace("[holder]", with: "[holders]"), at: "[holders]", "unknown section [holders]"),
        Refusal("section twice", .replace("[holder]", with: "[ status ]"), at: "[ status ]", "section [status] appears twice", firstOn: "[status]"),
        Refusal("column header mismatch", .replace("state,outcome", with: "state,result"),
                at: "state,result", "needs the columns state,outcome, found state,result"),
        Refusal("no column header", .replace("s360Field,spectatorDetails", with: "[deletionReason]"),
                at: "[holder]", "section [holder] has no column header line"),
        Refusal("required section missing", .removeSection("transactionState"),
                at: nil, "missing section [transactionState]"),
        // [ruleset]
        Refusal("missing ruleset key", .delete("extraInfo,true"), at: "[ruleset]", "ruleset key extraInfo is missing"),
        Refusal("unknown ruleset key", .add("colour,blue", after: "extraInfo,true"), at: "colour,blue", "unknown ruleset key colour"),
        Refusal("ruleset key twice", .add("version,test-2", after: "extraInfo,true"),
                at: "version,test-2", "ruleset key version mapped twice", firstOn: "version,test-1"),
        Refusal("empty ruleset value", .replace("version,test-1", with: "version,"), at: "version,", "ruleset key version has an empty value"),
        Refusal("boolean not true or false", .replace("beaconName,false", with: "beaconName,yes"),
                at: "beaconName,yes", "beaconName must be true or false, found yes"),
        // [status]
        Refusal("unknown TIXnGO status", .replace("ACTIVATED,ACTIVATION,PRINTED,false", with: "ACTIVE,ACTIVATION,PRINTED,false"),
                at: "ACTIVE,ACTIVATION,PRINTED,false", "\"ACTIVE\" is not a TIXnGO status"),
        Refusal("unknown family", .replace("CONTROLLED,CONTROL,CONTROLLED,false", with: "CONTROLLED,GATE,CONTROLLED,false"),
                at: "CONTROLLED,GATE,CONTROLLED,false", "\"GATE\" is not a status family"),
        Refusal("unknown S-360 status", .replace("CONTROLLED,CONTROL,CONTROLLED,false", with: "CONTROLLED,CONTROL,CHECKED,false"),
                at: "CONTROLLED,CONTROL,CHECKED,false", "\"CHECKED\" is not an S-360 status"),
        Refusal("anomaly not a boolean", .replace("DEFAULT,INITIAL_DELIVERY,PRINTED,true", with: "DEFAULT,INITIAL_DELIVERY,PRINTED,"),
                at: "DEFAULT,INITIAL_DELIVERY,PRINTED,", "anomaly must be true or false, found (empty)"),
        Refusal("TIXnGO status mapped twice", .add("FAILURE,TRANSFER,CANCELLED,false", after: "FAILURE,TRANSFER,PRINTED,false"),
                at: "FAILURE,TRANSFER,CANCELLED,false", "TIXnGO status FAILURE mapped twice", firstOn: "FAILURE,TRANSFER,PRINTED,false"),
        Refusal("TIXnGO statuses unmapped", .delete("DEFAULT,INITIAL_DELIVERY,PRINTED,true", "INVALID,INITIAL_DELIVERY,PRINTED,true"),
                at: "[status]", "TIXnGO statuses left unmapped in [status]: DEFAULT, INVALID"),
        // [deletionReason]
        Refusal("unknown deletion reason", .replace("CANCELLED,CANCELLED", with: "REFUNDED,CANCELLED"),
                at: "REFUNDED,CANCELLED", "\"REFUNDED\" is not a deletion reason"),
        Refusal("deletion reason mapped twice", .add("INVALIDATED,CANCELLED", after: "INVALIDATED,INVALIDATED"),
                at: "INVALIDATED,CANCELLED", "deletion reason INVALIDATED mapped twice", firstOn: "INVALIDATED,INVALIDATED"),
        Refusal("empty reason mapped twice", .add(",CANCELLED", after: ",INVALIDATED"),
                at: ",CANCELLED", "the empty deletion reason mapped twice", firstOn: ",INVALIDATED"),
        Refusal("empty-reason row missing", .delete(",INVALIDATED"), at: "[deletionReason]", "no row for the empty deletion reason"),
        Refusal("deletion reason unmapped", .delete("CANCELLED,CANCELLED"), at: "[deletionReason]",
                "deletion reasons left unmapped in [deletionReason]: CANCELLED"),
        // [history]
        Refusal("unknown legacy status", .replace("RECEIVED,*,DOWNLOADED,ASSIGNED,,", with: "RECIEVED,*,DOWNLOADED,ASSIGNED,,"),
                at: "RECIEVED,*,DOWNLOADED,ASSIGNED,,", "\"RECIEVED\" is not a legacy status"),
        Refusal("unknown action", .replace("DELETED,BURN,DELETED,DELETED,,", with: "DELETED,MINT,DELETED,DELETED,,"),
                at: "DELETED,MINT,DELETED,DELETED,,", "\"MINT\" is not an action"),
        Refusal("unknown translated status", .replace("CONTROLLED,*,CONTROLLED,CONTROLLED,,", with: "CONTROLLED,*,CONTROLLED,CONTROLLED,,SCANNED"),
                at: "CONTROLLED,*,CONTROLLED,CONTROLLED,,SCANNED", "\"SCANNED\" is not a TIXnGO status"),
        Refusal("history pair mapped twice", .add("DELETED,BURN,DELETION_PENDING,DELETED,,", after: "DELETED,BURN,DELETED,DELETED,,"),
                at: "DELETED,BURN,DELETION_PENDING,DELETED,,", "history row DELETED,BURN mapped twice", firstOn: "DELETED,BURN,DELETED,DELETED,,"),
        Refusal("history * row mapped twice", .add("INJECTED,*,DOWNLOADED,DOWNLOADED,,", after: "INJECTED,*,INJECTED,INJECTED,,"),
                at: "INJECTED,*,DOWNLOADED,DOWNLOADED,,", "history row INJECTED,* mapped twice", firstOn: "INJECTED,*,INJECTED,INJECTED,,"),
        Refusal("legacy status without * row", .replace("CONTROLLED,*,CONTROLLED,CONTROLLED,,", with: "CONTROLLED,INJECT,CONTROLLED,CONTROLLED,,"),
                at: "[history]", "legacy statuses without a * row: CONTROLLED"),
        // [transactionState]
        Refusal("unknown transaction state", .replace("KO,FAILED", with: "NOK,FAILED"), at: "NOK,FAILED", "\"NOK\" is not a transaction state"),
        Refusal("unknown outcome", .replace("KO,FAILED", with: "KO,LOST"), at: "KO,LOST", "\"LOST\" is not an outcome"),
        Refusal("transaction state mapped twice", .add("KO,PENDING", after: "KO,FAILED"),
                at: "KO,PENDING", "transaction state KO mapped twice", firstOn: "KO,FAILED"),
        Refusal("transaction state unmapped", .delete("REGISTRATION_PENDING,PENDING"), at: "[transactionState]",
                "transaction states left unmapped in [transactionState]: REGISTRATION_PENDING"),
        // [holder]
        Refusal("unknown S-360 field", .replace("email,email", with: "mail,email"), at: "mail,email", "\"mail\" is not an S-360 holder field"),
        Refusal("unknown spectatorDetails path", .replace("CNIL_O,organizerSpectatorPreference.allowPromoEmail", with: "CNIL_O,organizerSpectatorPreference.promo"),
                at: "CNIL_O,organizerSpectatorPreference.promo", "\"organizerSpectatorPreference.promo\" is not a spectatorDetails path"),
        Refusal("S-360 field mapped twice", .add("email,firstName", after: "email,email"),
                at: "email,firstName", "S-360 field email mapped twice", firstOn: "email,email"),
    ]

    @Test(arguments: refusals) func refusedWithLineAndReason(_ refusal: Refusal) throws {
        let valid = try MappingFixture.validText()
        let text = refusal.edit.apply(valid)
        try #require(text != valid, "the edit did not apply")
        let error = #expect(throws: MappingError.self) { try MappingRuleSet.parse(text, file: "m.csv") }
        #expect(error?.file == "m.csv")
        #expect(error?.line == refusal.at.flatMap { MappingFixture.lineNumber(of: $0, in: text) })
        #expect(error?.reason.contains(refusal.reason) == true, "\(error?.reason ?? "no error")")
        if let firstOn = refusal.firstOn, let line = MappingFixture.lineNumber(of: firstOn, in: text) {
            #expect(error?.reason.contains("first on line \(line)") == true, "\(error?.reason ?? "no error")")
        }
    }

    @Test func theDescriptionNamesFileLineAndReason() {
        #expect("\(MappingError(file: "m.csv", line: 12, reason: "\"ACTIVE\" is not a TIXnGO status"))"
            == "mapping file m.csv line 12: \"ACTIVE\" is not a TIXnGO status")
        #expect("\(MappingError(file: "m.csv", line: nil, reason: "missing section [holder]"))"
            == "mapping file m.csv: missing section [holder]")
    }
}
