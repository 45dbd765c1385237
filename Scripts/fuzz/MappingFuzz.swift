// libFuzzer target: the mapping rule set loader (MappingRuleSet.parse). Built and
// run by Scripts/fuzz.sh, compiled into one module with Sources/TicketLedger/Rules
// and Sources/TicketLedger/Observation (and a stand-in for swift-crypto).
//
// Beyond "does not crash or hang", every refusal is held to these properties:
// - the line it names exists, counting lines as editors and `grep -n` do (LF, CRLF
//   or CR end a line);
// - each problem's message is short and printable (no control characters), so it can
//   go to a terminal as it is (the problems of one refusal are listed a line each).
// An accepted rule set must map every TIXnGO status and transaction state.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    do throws(MappingError) {
        let rules = try MappingRuleSet.parse(text, file: "fuzz.csv")
        guard TIXnGOStatus.allCases.allSatisfy({ rules.statuses[$0] != nil }),
            TransactionState.allCases.allSatisfy({ rules.transactionOutcomes[$0] != nil })
        else { fatalError("accepted a rule set with unmapped values") }
    } catch {
        for problem in error.problems {
            if case .line(let line)? = problem.place {
                let lines = editorLineCount(text)
                guard (1...max(lines, 1)).contains(line) else { fatalError("refusal names line \(line) of a \(lines)-line file") }
            }
            let message = problem.description
            guard message.count <= 400 else { fatalError("refusal message of \(message.count) characters") }
            if let bad = message.unicodeScalars.first(where: isUnprintable) {
                fatalError("refusal holds U+\(String(bad.value, radix: 16, uppercase: true)): \(message.debugDescription)")
            }
        }
    }
    return 0
}

/// Lines as an editor numbers them: LF, CRLF and a lone CR each end one.
private func editorLineCount(_ text: String) -> Int {
    var lines = 1
    var previous: UInt8 = 0
    for byte in text.utf8 {
        if byte == 0x0A, previous != 0x0D { lines += 1 }
        if byte == 0x0D { lines += 1 }
        previous = byte
    }
    return lines
}

/// Control and format characters, and line or paragraph separators.
private func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
}
