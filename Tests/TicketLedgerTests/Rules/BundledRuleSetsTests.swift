import Testing
@testable import TicketLedger

@Suite struct BundledRuleSetsDifferOnlyAsDocumented {
    let v20221007: MappingRuleSet
    let v20230207: MappingRuleSet
    let v20230403: MappingRuleSet

    init() throws {
        v20221007 = try .bundled("2022-10-07")
        v20230207 = try .bundled("2023-02-07")
        v20230403 = try .bundled("2023-04-03")
    }

    @Test func theThreeVersionsAreBundledOldestFirst() throws {
        #expect(MappingRuleSet.bundledVersions == ["2022-10-07", "2023-02-07", "2023-04-03"])
        #expect(MappingRuleSet.newestBundledVersion == "2023-04-03")
        for version in MappingRuleSet.bundledVersions {
            #expect(try MappingRuleSet.bundled(version).version == version)
        }
    }

    @Test func eachNamesItsSpreadsheet() {
        #expect(v20221007.document == "S360-TNG_Mapping_20221007.xlsx")
        #expect(v20230207.document == "S360-TNG_Mapping_20230207.xlsx")
        #expect(v20230403.document == "FIFASTX-2770_S360-TNG_Mapping_WIP.xlsx")
    }

    @Test func eachMapsTheTwelveHolderFieldsOfDomainSection6() {
        let fields = [
            "individualTitle", "individualFirstname", "individualLastname", "individualBirthdate", "email",
            "individualCountryCode", "individualIdNumber", "cellPhoneNumber", "countryCode",
            "individualPreferredLanguage", "CNIL_O", "CNIL_T",
        ]
        for rules in [v20221007, v20230207, v20230403] {
            #expect(rules.holderFields.map(\.s360Field) == fields)
            #expect(path(of: "countryCode", in: rules) == ["residenceCountry"])
        }
    }

    @Test func version20221007TakesNationalityFromResidenceCountry() {
        #expect(path(of: "individualCountryCode", in: v20221007) == ["residenceCountry"])
        #expect(path(of: "individualCountryCode", in: v20230207) == ["nationality"])
        var fixed = v20221007
        fixed.holderFields = v20230207.holderFields
        #expect(same(fixed, v20230207))
    }

    @Test func version20230403AddsBeaconExtraInfoAndCulturalContacts() {
        #expect(v20230207.ticketFields == TicketFields(beaconName: false, extraInfo: false))
        #expect(!v20230207.culturalContacts)
        #expect(v20230403.ticketFields == TicketFields(beaconName: true, extraInfo: true))
        #expect(v20230403.culturalContacts)
        var extended = v20230207
        extended.ticketFields = v20230403.ticketFields
        extended.culturalContacts = true
        #expect(same(extended, v20230403))
    }

    private func path(of field: String, in rules: MappingRuleSet) -> [String]? {
        rules.holderFields.first { $0.s360Field == field }?.path
    }

    /// Equal rules, ignoring what names the file (version, document).
    private func same(_ a: MappingRuleSet, _ b: MappingRuleSet) -> Bool {
        var b = b
        (b.version, b.document) = (a.version, a.document)
        return a == b
    }
}
