extension PersonalData {
    /// The member value shown in output: the data, or a marker saying it was erased.
    var outputValue: JSONValue? {
        switch self {
        case .absent: nil
        case .erased: .string("[erased]")
        case .present(let value): value
        }
    }
}
