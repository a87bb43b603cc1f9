/// Quality gates: the repository's checks (lint, typecheck, tests, built-in scans) run at
/// pre-commit, pre-push, on demand and in CI, in parallel, on exactly the staged content, and
/// cached by their inputs. See docs/architecture.md for where this library sits.
public enum Gates {}
