extension Mode {
    /// The mode for an orchestration plugin's `enforcement` value: `strict` (or `enforce`) is
    /// enforce, `warn` is warn, `off` is off; case-insensitive; nil for anything else.
    ///
    /// The plugins ward replaces call the strict level `strict`; ward calls it `enforce`.
    init?(enforcement value: String) {
        switch value.lowercased() {
        case "strict", "enforce": self = .enforce
        case "warn": self = .warn
        case "off": self = .off
        default: return nil
        }
    }
}
