"""Entry script for the PyInstaller bundle."""

import sys

from plasticity_app.app import main

if __name__ == "__main__":
    sys.exit(main())
