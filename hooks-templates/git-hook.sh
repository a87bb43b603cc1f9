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
