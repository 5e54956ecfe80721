"""Reference decodings for tests/pixel_codecs_fixtures_test.ts: pydicom 2.3.1 with its GDCM
(python3-gdcm) and Pillow handlers; HTJ2K, which pydicom 2.3.1 does not know, through Pillow's
OpenJPEG directly on the frames.

Usage: python3 _pydicom_pixels.py OUTDIR PATH...
Writes OUTDIR/<i>.raw (the frames as little-endian samples, frame after frame, colour-by-pixel)
and prints one JSON line per PATH: {"path", "file", "shape", "dtype", "handler", "error"}.
"""
import io
import json
import os
import sys
import warnings

import numpy as np
import pydicom
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, pillow_handler, rle_handler

warnings.simplefilter("ignore")

try:  # imported once here rather than in every forked child
    from PIL import Image, Jpeg2KImagePlugin, JpegImagePlugin  # noqa: F401
except ImportError:
    pass

HTJ2K = {"1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"}
JPEG_DCT = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}
DEFLATED_FRAMES = "1.2.840.10008.1.2.8.1"


def htj2k(ds):
    from PIL import Image

    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    out = []
    for frame in generate_pixel_data_frame(ds.PixelData, frames):
        out.append(np.asarray(Image.open(io.BytesIO(frame))))
    return np.stack(out) if frames > 1 else out[0], "pillow-openjpeg"


def deflated(ds):
    import zlib

    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    native = b"".join(zlib.decompress(f, -15) for f in generate_pixel_data_frame(ds.PixelData, frames))
    ds.PixelData = native
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
    if ds.BitsAllocated == 1:
        # Each frame was compressed on its own from bit 0: unpack frame by frame.
        per = ds.Rows * ds.Columns
        flen = (per + 7) // 8
        arr = np.stack([
            np.unpackbits(np.frombuffer(native[i * flen:(i + 1) * flen], np.uint8), bitorder="little")[:per]
            .reshape(ds.Rows, ds.Columns)
            for i in range(frames)
        ])
        return arr, "zlib"
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    return numpy_handler.get_pixeldata(ds).reshape(
        (frames, ds.Rows, ds.Columns, ds.SamplesPerPixel) if frames > 1 else (ds.Rows, ds.Columns, ds.SamplesPerPixel)
    ).squeeze(), "zlib"


def handlers(ds):
    """The reference decoders to try for a data set, in order."""
    ts = ds.file_meta.TransferSyntaxUID
    if ts in HTJ2K:
        return [htj2k]
    if ts == DEFLATED_FRAMES:
        return [deflated]
    if ts == "1.2.840.10008.1.2.5":
        order = [rle_handler]
    elif ts in JPEG_DCT and ds.BitsAllocated == 8:
        order = [pillow_handler, gdcm_handler]
    else:
        order = [gdcm_handler, pillow_handler]
    return [pydicom_with(h) for h in order]


def pydicom_with(handler):
    def decode(ds):
        pydicom.config.pixel_data_handlers = [handler]
        arr = ds.pixel_array
        name = handler.__name__.split(".")[-1]
        pi = str(ds.PhotometricInterpretation).strip()
        if handler is pillow_handler and pi in ("YBR_FULL", "YBR_FULL_422"):
            # pydicom 2.3.1 returns JPEG YBR data unconverted; its users convert with
            # convert_color_space (pydicom 3 does it by default): compare in RGB.
            from pydicom.pixel_data_handlers.util import convert_color_space

            arr = convert_color_space(arr, "YBR_FULL", "RGB")
            name += "+convert_color_space"
        return arr, name

    return decode


def one(i, path, outdir, attempt):
    row = {"path": path, "file": None, "error": None}
    try:
        ds = pydicom.dcmread(path, force=True)
        todo = handlers(ds)
        if attempt >= len(todo):
            row["error"] = "no more reference decoders"
            row["last"] = True
            return row
        arr, handler = todo[attempt](ds)
        arr = np.ascontiguousarray(arr)
        name = f"{outdir}/{i}.raw"
        arr.astype(arr.dtype.newbyteorder("<")).tofile(name)
        row.update(file=name, shape=list(arr.shape), dtype=str(arr.dtype), handler=handler)
    except Exception as e:  # noqa: BLE001 - reported to the test
        row["error"] = f"{type(e).__name__}: {e}"
    return row


def main():
    outdir, paths = sys.argv[1], sys.argv[2:]
    for i, path in enumerate(paths):
        errors = []
        for attempt in range(3):
            row = attempt_in_child(i, path, outdir, attempt)
            if row.get("file") or row.get("last"):
                break
            errors.append(row["error"])
        if not row.get("file"):
            row["error"] = "; ".join(errors) or row["error"]
        print(json.dumps(row), flush=True)


def attempt_in_child(i, path, outdir, attempt):
    # GDCM can crash the process on some files: only its attempts run in a forked child.
    ts = str(pydicom.dcmread(path, force=True, stop_before_pixels=True).file_meta.get("TransferSyntaxUID", ""))
    first_is_gdcm = ts not in HTJ2K and ts != DEFLATED_FRAMES and ts != "1.2.840.10008.1.2.5" and ts not in JPEG_DCT
    uses_gdcm = (attempt == 0) == first_is_gdcm if attempt < 2 else False
    if not uses_gdcm:
        return one(i, path, outdir, attempt)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        os.write(w, json.dumps(one(i, path, outdir, attempt)).encode())
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if data:
        return json.loads(data.decode())
    return {"path": path, "file": None, "error": f"reference decoder crashed (status {status})"}


main()
