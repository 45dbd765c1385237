import Foundation

/// One version of the S360-TNG mapping spreadsheet, as data.
///
/// Everything the projection decides about a status or a holder field is looked up
/// here; a rule set is loaded from a file (``MappingRuleSet/load(from:)``) and
/// validated whole before any of it is used.
public struct MappingRuleSet: Sendable, Equatable {
    /// The spreadsheet version, e.g. `2023-02-07`.
    public var version: String
    /// The spreadsheet this file transcribes.
    public var document: String
    /// Hex SHA-256 of the rule set's canonical text (``canonicalText``): same hash, same rules, whatever
    /// the source format, row order, comments or spelling of a boolean cell.
    public var contentHash: String { Self.hexSHA256(Data(canonicalText.utf8)) }
    /// TIXnGO status → family and S-360 status; every ``TIXnGOStatus`` has exactly one row.
    var statuses: [TIXnGOStatus: StatusRule]
    /// The S-360 status of a deletion-family status, by the observation's `deletionReason`.
    var deletion: DeletionRule
    /// History mode: (legacyStatus, action) → business statuses.
    var history: [HistoryKey: HistoryRule]
    /// History mode: what each transaction state does.
    var transactionOutcomes: [TransactionState: TransactionOutcome]
    /// S-360 holder fields, in output order, each read from a `spectatorDetails` path.
    var holderFields: [HolderField]
    /// Ticket-level S-360 fields that do not come from `spectatorDetails`.
    var ticketFields: TicketFields
    /// Whether the contacts projection runs (docs/domain.md §7); it needs lifecycle mode.
    var culturalContacts: Bool

    init(
        version: String, document: String,
        statuses: [TIXnGOStatus: StatusRule], deletion: DeletionRule,
        history: [HistoryKey: HistoryRule], transactionOutcomes: [TransactionState: TransactionOutcome],
        holderFields: [HolderField], ticketFields: TicketFields, culturalContacts: Bool
    ) {
        self.version = version
        self.document = document
        self.statuses = statuses
        self.deletion = deletion
        self.history = history
        self.transactionOutcomes = transactionOutcomes
        self.holderFields = holderFields
        self.ticketFields = ticketFields
        self.culturalContacts = culturalContacts
    }
}

/// Where a TIXnGO status lands.
struct StatusRule: Sendable, Equatable {
    var family: StatusFamily
    /// The S-360 status; for the deletion family it is refined by ``DeletionRule``.
    var s360Status: S360Status
    /// An undocumented status (DEFAULT, INVALID): the projection flags the ticket.
    var anomaly: Bool

    init(family: StatusFamily, s360Status: S360Status, anomaly: Bool) {
        self.family = family
        self.s360Status = s360Status
        self.anomaly = anomaly
    }
}

/// The S-360 status of a deleted ticket, from what S-360 pushed.
struct DeletionRule: Sendable, Equatable {
    var byReason: [DeletionReason: S360Status]
    /// When the observation carries no `deletionReason`.
    var withoutReason: S360Status

    init(byReason: [DeletionReason: S360Status], withoutReason: S360Status) {
        self.byReason = byReason
        self.withoutReason = withoutReason
    }
}

/// A history-mode transaction's identity in the translation table; `action == nil` matches any action.
struct HistoryKey: Hashable, Sendable {
    var legacyStatus: LegacyStatus
    var action: TransactionAction?

    init(legacyStatus: LegacyStatus, action: TransactionAction?) {
        self.legacyStatus = legacyStatus
        self.action = action
    }
}

/// The business statuses one history-mode transaction translates to, by its outcome.
struct HistoryRule: Sendable, Equatable {
    /// When the transaction applies (confirmed) and the observation has no spectator details.
    var applied: TIXnGOStatus
    /// When it applies and spectator details are present.
    var appliedWithDetails: TIXnGOStatus
    /// While pending: a status, or nil when a pending transaction changes nothing.
    var pending: TIXnGOStatus?
    /// When it failed: a status, or nil when a failed transaction changes nothing.
    var failed: TIXnGOStatus?

    init(applied: TIXnGOStatus, appliedWithDetails: TIXnGOStatus, pending: TIXnGOStatus?, failed: TIXnGOStatus?) {
        self.applied = applied
        self.appliedWithDetails = appliedWithDetails
        self.pending = pending
        self.failed = failed
    }
}

/// What a transaction state means for the projection (docs/domain.md §5).
enum TransactionOutcome: String, CaseIterable, Sendable {
    /// The transaction happened: its status applies and its spectator details become the holder.
    case applied = "APPLIED"
    /// Not yet: shown in the history; only the rule's `pending` status applies.
    case pending = "PENDING"
    /// It did not happen: only the rule's `failed` status applies; the holder stays.
    case failed = "FAILED"
}

/// One S-360 holder field read from `spectatorDetails`.
struct HolderField: Sendable, Equatable {
    /// The S-360 field name, e.g. `individualCountryCode`.
    var s360Field: String
    /// The path under `spectatorDetails`, e.g. `["organizerSpectatorPreference", "allowPromoEmail"]`.
    var path: [String]

    init(s360Field: String, path: [String]) {
        self.s360Field = s360Field
        self.path = path
    }
}

/// Ticket-level fields S-360 takes from the observation itself (mapping 2023-04-03).
struct TicketFields: Sendable, Equatable {
    /// `beaconName` → S-360 `beaconName`.
    var beaconName: Bool
    /// Each `ticketDetails.extra` entry `ExtraInfoN` → S-360 `extraInfoN`.
    var extraInfo: Bool

    init(beaconName: Bool, extraInfo: Bool) {
        self.beaconName = beaconName
        self.extraInfo = extraInfo
    }
}
