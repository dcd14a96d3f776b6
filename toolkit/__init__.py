"""nplan: plan, follow-up and budget toolkit for a Swedish regional committee."""

__version__ = "0.1.0"
