from readiness_lint.console import entry

entry()
