import Policy

/// The effective policy and the files it was built from.
public struct LoadedPolicy: Sendable {
    /// Every layer merged, `WARD_MODE` applied.
    public var policy: Policy
    /// Absolute paths of the policy files read, in layer order (built-in and `WARD_MODE` are
    /// not files and are not listed); `policy show` prints them, the audit log can cite them.
    public var files: [String]

    public init(policy: Policy, files: [String]) {
        self.policy = policy
        self.files = files
    }
}
