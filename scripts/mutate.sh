#!/usr/bin/env bash
# Mutation testing of the native tests (docs/mutation.md): each edit of tests/mutation/mutants.json
# is applied to a copy of the tree in a scratch folder, its test executables rebuilt and run; a
# mutant no test notices "survived". The checkout is never written to.
#   scripts/mutate.sh [ID…] [--check] [--dir DIR] [--jobs N] [--timeout S] [--report FILE] [--tests R] [--exclude R]
#     ID…        only these mutants (default: every one)
#     --check    only check that each original text is found exactly once (no build)
#     --dir      scratch folder (default /tmp/yilu-mutation, or $YILU_MUTATION_DIR): DIR/src, DIR/build
#     --timeout  seconds of testing per mutant (default 900; running out counts as killed)
#     --report   also write the result table (Markdown) to FILE
#     --tests R  run only the tests whose names match R; --exclude R: leave those out
# Exit status: 0 every mutant killed, 1 one survived or did not build, 2 a wrong list or tree.
set -euo pipefail
exec python3 "$(cd "$(dirname "$0")" && pwd)/mutate.py" "$@"
