extension PersonalData {
    /// The member value shown in output: the data, or a marker saying it was erased or is sealed.
    var outputValue: JSONValue? {
        switch self {
        case .absent: nil
        case .erased: .string("[erased]")
        case .sealed: MappedHolder.sealedMarker
        case .present(let value): value
        }
    }
}
