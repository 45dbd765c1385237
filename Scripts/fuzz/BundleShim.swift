// SwiftPM generates `Bundle.module` for a target with resources; the fuzz build
// compiles the library sources without SwiftPM, so it supplies one. The fuzzers
// call `MappingRuleSet.parse`, which reads no bundled file.
import Foundation

extension Bundle {
    static let module = Bundle.main
}
