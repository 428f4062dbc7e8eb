"""Subcommands of `liaison-desk`; each module has `register(subparsers, common)`. No Qt."""
