"""Click commands, one module per area. Each module lists its top-level commands in COMMANDS."""
