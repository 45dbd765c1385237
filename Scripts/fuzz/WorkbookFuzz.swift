// libFuzzer target: the mapping workbook reader (MappingWorkbook.read, then the rule set
// reader), on the bytes of a whole .xlsx file. Built and run by Scripts/fuzz.sh, compiled into
// one module with Sources/TicketLedger/Rules and Rules/Workbook, against ZIPFoundation.
//
// Beyond "does not crash, hang or run out of memory" (the reader's size, row and depth bounds
// hold whatever the zip claims), every refusal is held to these properties:
// - each problem's message is short and printable (no control characters);
// - a problem placed at a cell names a cell a spreadsheet has (column A to XFD, row 1 to 1048576).
// An accepted rule set must map every TIXnGO status and transaction state.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let read = try MappingWorkbook.read(data, columns: RuleSetReader.columns)
        let rules = try RuleSetReader.rules(from: read.input, file: "fuzz.xlsx")
        guard TIXnGOStatus.allCases.allSatisfy({ rules.statuses[$0] != nil }),
            TransactionState.allCases.allSatisfy({ rules.transactionOutcomes[$0] != nil })
        else { fatalError("accepted a rule set with unmapped values") }
    } catch let problem as MappingError.Problem {
        check(problem)
    } catch let error as MappingError {
        error.problems.forEach(check)
    } catch {
        fatalError("an error that is no mapping problem: \(error)")
    }
    return 0
}

private func check(_ problem: MappingError.Problem) {
    let message = problem.description
    guard message.count <= 400 else { fatalError("problem message of \(message.count) characters") }
    if let bad = message.unicodeScalars.first(where: isUnprintable) {
        fatalError("problem holds U+\(String(bad.value, radix: 16, uppercase: true)): \(message.debugDescription)")
    }
    if case .cell(_, let column, let row)? = problem.place, !(1...16_384).contains(column) || !(1...1_048_576).contains(row) {
        fatalError("problem at a cell no spreadsheet has: \(message)")
    }
}

/// Control and format characters, and line or paragraph separators.
private func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
}
