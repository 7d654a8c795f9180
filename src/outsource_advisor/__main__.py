"""`python -m outsource_advisor` runs the command line."""

from outsource_advisor.cli import main

main()
