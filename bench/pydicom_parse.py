"""The pydicom side of the whole-process comparison in bench/parse_bench.ts.

Reads every file named on the command line in one process and prints PatientName,
SOPInstanceUID, Rows (and the pixel data length with --full), one line per file.

    python3 bench/pydicom_parse.py --headers|--full FILE...
"""
import sys

import pydicom


def main(argv):
    if len(argv) < 1 or argv[0] not in ("--headers", "--full"):
        sys.stderr.write("Usage: pydicom_parse.py --headers|--full FILE...\n")
        return 2
    full = argv[0] == "--full"
    lines = []
    for path in argv[1:]:
        ds = pydicom.dcmread(path, stop_before_pixels=not full)
        line = f"{ds.PatientName} {ds.SOPInstanceUID} {ds.Rows}"
        lines.append(f"{line} {len(ds.PixelData)}" if full else line)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
