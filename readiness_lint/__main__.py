from readiness_lint.cli import main

raise SystemExit(main())
