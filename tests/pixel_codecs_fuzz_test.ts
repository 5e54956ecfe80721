/**
 * Mutated real codestreams (JPEG baseline, JPEG lossless, JPEG-LS, JPEG 2000, HTJ2K and RLE
 * frames from ../shared/fixtures) either decode or reject with a PixelDataError; never another
 * throw, a crash or a hang. Other frames of the same file still decode after a corrupt one.
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { readDicom } from "../src/codec/read_file.ts";
import { DataElement } from "../src/core/element.ts";
import { PIXEL_DATA_TAG } from "../src/core/tag.ts";
import { FrameDecodeError } from "../src/pixel/codecs/codec_errors.ts";
import { compressedFrame, decodeCompressedFrame, decodeFrame } from "../src/pixel/decode_frame.ts";
import { EncapsulationError, PixelDataError } from "../src/pixel/errors.ts";
import { imageDescriptionOf } from "../src/pixel/frame_pixels.ts";
import { fixture } from "./_fixtures.ts";

const FILES = [
  "pydicom-v3.0.2/test_files/SC_rgb_jpeg_dcmtk.dcm",
  "pydicom-v3.0.2/test_files/SC_rgb_jpeg_gdcm.dcm",
  "pydicom-v3.0.2/test_files/MR_small_jpeg_ls_lossless.dcm",
  "pydicom-v3.0.2/test_files/MR_small_jp2klossless.dcm",
  "pydicom-v3.0.2/test_files/SC_rgb_rle.dcm",
  "pydicom-v3.0.2/test_files/JPEGLSNearLossless_08.dcm",
];
const present = FILES.every((f) => existsSync(fixture(f)));

function load(name: string) {
  const file = readDicom(readFileSync(fixture(name)));
  return {
    uid: file.transferSyntaxUid,
    d: imageDescriptionOf(file.dataSet),
    frame: compressedFrame(file.dataSet, 0).slice(),
  };
}

Deno.test({
  name: "fuzz: mutated fixture codestreams decode or give a PixelDataError",
  ignore: !present,
  fn: async () => {
    const streams = FILES.map(load);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: streams.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, edits, cut) => {
          const { uid, d, frame } = streams[which];
          let bytes = frame.slice();
          for (const [at, v] of edits) bytes[at % bytes.length] = v;
          if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
          try {
            await decodeCompressedFrame(bytes, d, uid, 0);
          } catch (e) {
            assert.ok(e instanceof PixelDataError, `${uid}: ${e}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  },
});

Deno.test({
  name: "a corrupt frame names itself and the other frames still decode",
  ignore: !existsSync(fixture("pydicom-data/emri_small_jpeg_ls_lossless.dcm")),
  fn: async () => {
    const file = readDicom(readFileSync(fixture("pydicom-data/emri_small_jpeg_ls_lossless.dcm")));
    const ds = file.dataSet;
    const fragments = ds.get(PIXEL_DATA_TAG)!.fragments!;
    const broken = fragments.fragments.map((f, i) => {
      if (i !== 4) return f;
      const b = f.slice();
      b.fill(0, 20, 60);
      return b;
    });
    ds.add(DataElement.fromFragments(PIXEL_DATA_TAG, "OB", { ...fragments, fragments: broken }));
    await assert.rejects(
      decodeFrame(ds, file.transferSyntaxUid, 4),
      (e: unknown) =>
        e instanceof FrameDecodeError && e.frameIndex === 4 && /frame 4/.test(e.message),
    );
    for (const i of [0, 3, 5, 9]) {
      assert.equal((await decodeFrame(ds, file.transferSyntaxUid, i)).length, 64 * 64);
    }
  },
});

Deno.test({
  name: "Number of Frames larger than the fragments: present frames decode, missing ones throw",
  ignore: !existsSync(fixture("pydicom-data/emri_small_jpeg_ls_lossless.dcm")),
  fn: async () => {
    const file = readDicom(readFileSync(fixture("pydicom-data/emri_small_jpeg_ls_lossless.dcm")));
    const ds = file.dataSet;
    const fragments = ds.get(PIXEL_DATA_TAG)!.fragments!;
    ds.add(DataElement.fromFragments(PIXEL_DATA_TAG, "OB", {
      basicOffsetTable: new Uint8Array(0),
      fragments: fragments.fragments,
    }));
    ds.set("NumberOfFrames", "12");
    assert.equal((await decodeFrame(ds, file.transferSyntaxUid, 9)).length, 64 * 64);
    await assert.rejects(
      decodeFrame(ds, file.transferSyntaxUid, 11),
      (e: unknown) => e instanceof EncapsulationError && e.frameIndex === 11,
    );
  },
});
