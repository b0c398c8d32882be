"""``python -m i18n`` runs the command line."""

from i18n.cli._app import main

main()
