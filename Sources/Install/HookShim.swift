/// The shim `ward install` writes into git's hooks folder: `hooks-templates/git-hook.sh`
/// with `@HOOK@`, `@WARD@` and `@WARD_QUOTED@` filled in (a test keeps the two identical).
///
/// POSIX `sh`, so it runs wherever git runs hooks. It finds ward by the absolute path recorded
/// at install, then on `PATH`, and fails the hook with one line when neither works: a hook
/// that cannot find ward must not let the commit through unchecked. A hook that was there
/// before is kept as `<hook>.pre-ward` and runs first; its failure stops git.
public enum HookShim {
    /// The hooks `ward install` manages, in the order git runs them.
    public static let hooks = ["pre-commit", "commit-msg", "pre-push"]

    /// The line that marks a file as ward's shim.
    public static let marker = "# ward: git hook shim, written by 'ward install'"

    /// The suffix of the hook that was there before ward's shim.
    public static let previousSuffix = ".pre-ward"

    public static let template = #"""
        #!/bin/sh
        # ward: git hook shim, written by 'ward install'; 'ward uninstall' removes it and puts back
        # the hook that was here before (kept beside it as @HOOK@.pre-ward).
        # ward-path: @WARD@
        hook=@HOOK@
        recorded=@WARD_QUOTED@
        ward=$recorded
        if [ ! -x "$ward" ]; then
            ward=$(command -v ward 2>/dev/null) || ward=
        fi
        if [ -z "$ward" ]; then
            echo "ward: the $hook hook cannot run: ward is neither at $recorded nor on PATH; put it back, or run 'ward install' with the new one" >&2
            exit 1
        fi
        previous="$(dirname -- "$0")/$hook.pre-ward"
        if [ -x "$previous" ]; then
            if [ "$hook" = pre-push ]; then
                # Both read git's ref lines on stdin: keep them (with their last newline) for both.
                input=$(cat; echo .)
                input=${input%.}
                printf '%s' "$input" | "$previous" "$@" || exit $?
                printf '%s' "$input" | "$ward" hook "$hook" "$@"
                exit $?
            fi
            "$previous" "$@" || exit $?
        fi
        exec "$ward" hook "$hook" "$@"

        """#

    /// The shim for `hook` calling `ward` (an absolute path).
    public static func render(hook: String, ward: String) -> String {
        template.replacing("@WARD_QUOTED@", with: shellQuoted(ward)).replacing("@HOOK@", with: hook)
            .replacing("@WARD@", with: ward.replacing("\n", with: " "))
    }

    /// Whether `text` is a shim written by `ward install`.
    public static func isShim(_ text: String) -> Bool {
        text.contains(marker)
    }

    /// The ward path a shim records, nil when `text` is not a shim.
    public static func recordedPath(_ text: String) -> String? {
        guard isShim(text) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("# ward-path: ") {
            return String(line.dropFirst("# ward-path: ".count))
        }
        return nil
    }

    /// `s` as one word for `sh`: single quotes, each `'` written as `'\''`.
    public static func shellQuoted(_ s: String) -> String {
        "'" + s.replacing("'", with: "'\\''") + "'"
    }
}
