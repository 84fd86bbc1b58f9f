"""The exit codes every `labnotes` subcommand shares, so a script or a supervisor can tell them apart."""

from __future__ import annotations

import signal

OK_EXIT = 0
NOTHING_DONE_EXIT = (
    1  # the command ran and could do nothing (no note read, an adapter failed, an error reply)
)
SETUP_ERROR_EXIT = 2  # the setup is wrong: config, catalog, the store or its folder; fix it and run again
INTERRUPTED_EXIT = 128 + signal.SIGINT  # what a shell reports for Ctrl-C
BROKEN_PIPE_EXIT = 128 + signal.SIGPIPE  # `labnotes … | head` closed the pipe: what `cat` would exit with
