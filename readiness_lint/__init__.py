"""readiness-lint: is this Python service ready for production, and what is missing?"""

__version__ = "0.1.0"
