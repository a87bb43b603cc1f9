/// What `ward ci` and `ward check range` do beyond the contracts (`ci` in ward.json).
public struct CIPolicy: Sendable, Equatable {
    /// How a change to ward's own files (ward.json, the agents' hook settings, the orchestration
    /// policy) counts in a range: a finding that asks for a person's review, or a failure.
    public enum PolicyChanges: String, Sendable, CaseIterable {
        /// A warning, "policy change: needs a person's review" (the default): people adopt and
        /// change the policy through reviewed pull requests.
        case review
        /// A failure: the range may not change the policy at all.
        case fail
    }

    public var policyChanges: PolicyChanges = .review

    public init() {}
}

/// One layer's `ci` settings: only what it names.
public struct CILayer: Sendable, Equatable {
    public var policyChanges: CIPolicy.PolicyChanges?
    public var policyChangesLine: Int?

    public init() {}
}

extension PolicyParser {
    static let ciKeys = ["policyChanges"]

    static func parseCI(_ value: JSONValue.Located, ctx: Context) throws(PolicyError) -> CILayer {
        guard case .object(let members) = value.value else {
            throw ctx.error(value, "ci", "expected an object, found \(value.value.typeName)")
        }
        var out = CILayer()
        for (key, v) in members {
            let path = "ci.\(key)"
            do throws(PolicyError) {
                switch key {
                case "policyChanges":
                    let s = try ctx.string(v, path)
                    guard let mode = CIPolicy.PolicyChanges(rawValue: s) else {
                        throw ctx.error(v, path, "expected 'review' or 'fail', found '\(s)'")
                    }
                    out.policyChanges = mode
                    out.policyChangesLine = v.line
                default:
                    throw ctx.error(v, path, "unknown key \(ctx.suggestion(key, among: ciKeys))")
                }
            } catch {
                ctx.errors.append(error)
            }
        }
        return out
    }
}

extension Policy {
    /// `ci.policyChanges`: an agent-editable file may make it stricter, never looser.
    mutating func mergeCI(_ layer: PolicyLayer, untrusted: Bool) {
        guard let mode = layer.ci?.policyChanges else { return }
        let where_ = layer.ci?.policyChangesLine.map { "\(layer.file):\($0)" } ?? layer.file
        if mode == .review && ci.policyChanges == .fail {
            if untrusted {
                ignore("\(layer.file): ci.policyChanges 'review' ignored: agent-editable file", from: layer.file)
                return
            }
            loosen("ci.policyChanges set to 'review' by \(layer.file)", by: layer.file)
        }
        ci.policyChanges = mode
        origins["ci.policyChanges"] = where_
    }
}
