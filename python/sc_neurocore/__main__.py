"""``python3 -m sc_neurocore ...`` runs the same commands as ``sc-neurocore``."""

from sc_neurocore.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
