import Checks

/// Whether a git checkpoint runs inside a coding agent's session, read from the environment the
/// agent gives the commands it runs (git, and so git's hooks, inherit it).
///
/// ward's own files (ward.json, the agents' hook settings, the orchestration policy) are an
/// agent matter: the agent hook denies every write to them. At pre-commit they are checked only
/// when the commit comes from an agent session, so that a person can add and change the policy
/// without switching ward off; in CI a range that changes them gets a `policy-change` finding.
public enum AgentSession {
    /// The variables agents set in their children's environment (`AgentMarkers`).
    public static var markers: [(variable: String, agent: String)] { AgentMarkers.all }

    /// The agent and the variable that says so; nil for a person's session. An empty value or
    /// `0` marks nothing (`WARD_AGENT=0` does not turn a person into an agent).
    public static func detect(_ environment: [String: String]) -> (variable: String, agent: String)? {
        for (variable, agent) in markers {
            guard let value = environment[variable], !value.isEmpty, value != "0" else { continue }
            return (variable, agent.isEmpty ? value : agent)
        }
        return nil
    }
}
