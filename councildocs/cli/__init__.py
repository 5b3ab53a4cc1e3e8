"""The `dcs` command line: one module per command."""
