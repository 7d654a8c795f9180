"""The command line: the typer app (`app`), what every command shares (`common`), and the `batch`
and `interview` commands. The only place where errors become messages and exit codes."""
