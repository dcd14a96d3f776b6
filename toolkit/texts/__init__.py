"""Every Swedish text a user reads lives in this package: one module per area."""
