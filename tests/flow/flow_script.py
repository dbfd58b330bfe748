"""What the flow's end-to-end test scripts share: their two arguments and running the CLI."""
import argparse
import subprocess
import sys


def cli_and_examples():
    """--cli (the sc-neurocore binary) and --examples (the examples folder)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples", required=True)
    return parser.parse_args()


def run(*args):
    """Runs a command; exits the script with its stderr when it fails."""
    result = subprocess.run(list(args), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)}: exit {result.returncode}\n{result.stderr}")
    return result
