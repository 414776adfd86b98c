/// A problem found in a flow file, reported compiler-style.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning

        /// The word a diagnostic is printed with, in the current language (the raw value
        /// stays English for JSON).
        public var words: String {
            switch self {
            case .error: tr("error", context: "diagnostic")
            case .warning: tr("warning", context: "diagnostic")
            }
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var path: String
    public var location: SourceLocation

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, path: String,
        at location: SourceLocation
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.path = path
        self.location = location
    }

    /// `Prompts/goals.yaml:12:7: error: unknown question type 'scael'; did you mean 'scale'? [GP008]`
    public var description: String {
        let place =
            location == .unknown ? path : "\(path):\(location.line):\(location.column)"
        return "\(place): \(severity.words): \(message) [\(code.rawValue)]"
    }
}

/// Stable codes for each kind of flow problem; Prompts/README.md explains each.
public enum DiagnosticCode: String, CaseIterable, Sendable {
    case yamlSyntax = "GP001"
    case tooLarge = "GP002"
    case anchorOrAlias = "GP003"
    case wrongValueType = "GP004"
    case unknownKey = "GP005"
    case missingKey = "GP006"
    case duplicateID = "GP007"
    case unknownQuestionType = "GP008"
    case missingChoices = "GP009"
    case duplicateChoice = "GP010"
    case badBounds = "GP011"
    case unknownField = "GP012"
    case fieldTypeMismatch = "GP013"
    case fieldOutOfPlace = "GP014"
    case unusedKey = "GP015"
    case badID = "GP016"
    case idNotFileName = "GP017"
    case badDefault = "GP018"
    case emptyFlow = "GP019"
    case badRepeat = "GP020"
    case notUTF8 = "GP021"
    case badCondition = "GP022"
    case unknownReference = "GP023"
    case conditionMismatch = "GP024"
    case badInclude = "GP025"
    case neverAsked = "GP026"
    case badPattern = "GP027"
    case badForEach = "GP028"
    case emptySafetyList = "GP029"
    case badPhrase = "GP030"
    case badRegion = "GP031"
    case controlCharacter = "GP032"
    case ambiguousNumber = "GP033"
    case badExpression = "GP034"
    case badBands = "GP035"
    case badMeasure = "GP036"
    case outOfRange = "GP037"
    case clinicianAnswerShared = "GP038"
    case missingTranslation = "GP039"
    case extraTranslation = "GP040"
    case choicesDiffer = "GP041"
}
