import sys

from plasticity_app.app import main

sys.exit(main())
