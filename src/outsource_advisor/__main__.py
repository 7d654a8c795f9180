"""`python -m outsource_advisor` runs the command line."""

from outsource_advisor.cli.app import main

main()
