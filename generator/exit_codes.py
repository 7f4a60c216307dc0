"""What `python -m generator` returns, for workflows and scripts that branch on it."""

EXIT_OK = 0  # done; nothing to fix
EXIT_PROBLEMS = 1  # done, and found something to fix: errors in postings, a stale file, a failed site build
EXIT_USAGE = 2  # could not run: a wrong argument, a missing setting, an unreadable input, GitHub refused
EXIT_FAILED = 3  # an unexpected failure: the person was told, the workflow run fails for the maintainers
