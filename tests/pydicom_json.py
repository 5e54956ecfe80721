"""DICOM JSON (PS3.18 F.2) of DICOM files as pydicom sees them, for tests/json_pydicom_test.ts.

Reads file paths, one per line, on stdin; prints one JSON object per line on stdout, in order:
{"path": ..., "json": {...}, "errors": {...}} or {"path": ..., "fatal": "..."}.

Besides calling pydicom's own Dataset.to_json_dict, this script only does what JSON cannot carry
across to the TypeScript side, and nothing else (the test normalises everything else, so that all
representational differences are listed in one place, the test):
  1. Bulk data: a binary value whose base64 is longer than BULK_THRESHOLD characters is given as
     BulkDataURI "sha256:<hex>:<byte length>" of its bytes (the test computes the same), so that
     megabytes of pixel data are not compared as text.
  2. Big endian files: pydicom keeps OW/OF/OD/OL/OV values in the file's byte order; PS3.18 F.2.7
     InlineBinary is little endian, so those values are byte-swapped here before encoding/hashing.
  3. Numbers JSON cannot carry exactly to JavaScript: integers beyond 2^53 are written as strings,
     NaN and infinities as the strings "NaN", "Infinity", "-Infinity".
  4. Errors: an element pydicom cannot convert (e.g. an invalid DS) is left out of "json" and its
     error message put in "errors" under its tag path, instead of aborting the whole file.
"""

import base64
import hashlib
import json
import math
import sys
import warnings

import pydicom
from pydicom.dataset import Dataset

BULK_THRESHOLD = 1024
SWAP_UNIT = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}
BINARY_VRS = {"OB", "OD", "OF", "OL", "OV", "OW", "UN", "OB or OW", "US or OW", "US or SS or OW"}


def swap(data, unit):
    if unit <= 1 or not data:
        return data
    whole = len(data) - len(data) % unit
    out = bytearray(data)
    for i in range(unit):
        # bytes i, i+unit, ... of each word go to position unit-1-i
        out[unit - 1 - i:whole:unit] = data[i:whole:unit]
    return bytes(out)


def fix_numbers(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    return value


def element_json(elem, big_endian, path, errors):
    vr = elem.VR
    if vr == "SQ":
        items = []
        for index, item in enumerate(elem.value or []):
            items.append(dataset_json(item, big_endian, f"{path}[{index}].", errors))
        return {"vr": "SQ", "Value": items}
    if vr in BINARY_VRS and not elem.is_empty:
        data = elem.value
        if isinstance(data, (bytes, bytearray)):
            if big_endian:
                data = swap(bytes(data), SWAP_UNIT.get(vr, 1))
            encoded = base64.b64encode(data).decode("ascii")
            if len(encoded) > BULK_THRESHOLD:
                return {"vr": vr, "BulkDataURI": f"sha256:{hashlib.sha256(data).hexdigest()}:{len(data)}"}
            return {"vr": vr, "InlineBinary": encoded}
    out = elem.to_json_dict(None, BULK_THRESHOLD)
    if "Value" in out:
        out["Value"] = [fix_numbers(v) for v in out["Value"]]
    return out


def dataset_json(ds, big_endian, prefix, errors):
    out = {}
    for elem in ds:
        key = f"{elem.tag:08X}"
        path = f"{prefix}({key[:4]},{key[4:]})"
        try:
            out[key] = element_json(elem, big_endian, path, errors)
        except Exception as exc:  # noqa: BLE001 - any conversion error is reported, not fatal
            errors[path] = f"{type(exc).__name__}: {exc}"
    return out


def convert(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path, force=True)
        big_endian = ds.is_little_endian is False
        errors = {}
        result = dataset_json(ds, big_endian, "", errors)
    return {"path": path, "json": result, "errors": errors}


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            record = convert(path)
        except Exception as exc:  # noqa: BLE001
            record = {"path": path, "fatal": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
