from msolsh.cli import main

raise SystemExit(main())
