"""Stage 8: renderers. Each is a pure function of a report to text."""
