"""``python3 -m sc_neurocore ...`` runs the same commands as ``sc-neurocore``."""

import sys

from sc_neurocore.cli import main

sys.exit(main())
