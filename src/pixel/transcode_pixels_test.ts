import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { readDicom } from "../codec/read_file.ts";
import { readDataSet } from "../codec/read_dataset.ts";
import { writeDataSet } from "../codec/write_dataset.ts";
import type { DataSet } from "../core/dataset.ts";
import { CodecUnavailableError } from "./codecs/codec_errors.ts";
import { registerDecoder } from "./codecs/codec_registry.ts";
import { decodeFrame, decodeFrameWithInfo } from "./decode_frame.ts";
import {
  canTranscodePixelData,
  isLossyEncoding,
  TranscodeError,
  transcodePixelData,
} from "./transcode_pixels.ts";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url).pathname;
const DATA = FIXTURES + "pydicom-data/";
const FILES = FIXTURES + "pydicom-v3.0.2/test_files/";
const ELE = "1.2.840.10008.1.2.1";
const ILE = "1.2.840.10008.1.2";
const JLS = "1.2.840.10008.1.2.4.80";
const JLS_NEAR = "1.2.840.10008.1.2.4.81";
const J2K = "1.2.840.10008.1.2.4.90";
const RLE = "1.2.840.10008.1.2.5";
const JPEG = "1.2.840.10008.1.2.4.50";
const ignore = !existsSync(FIXTURES);

function read(path: string) {
  return readDicom(readFileSync(path), { lenient: true });
}

/** The data set as written in `uid` and read back, as a peer would receive it. */
function roundTrip(ds: DataSet, uid: string): DataSet {
  const explicitVr = uid !== ILE;
  const bytes = writeDataSet(ds, { explicitVr, littleEndian: true });
  return readDataSet(bytes, { explicitVr, littleEndian: true }).dataSet;
}

async function allFrames(ds: DataSet, uid: string) {
  const n = Math.max(1, ds.getNumber("NumberOfFrames") ?? 1);
  const out = [];
  for (let i = 0; i < n; i++) out.push([...await decodeFrame(ds, uid, i)]);
  return out;
}

Deno.test({
  name: "transcodePixelData decompresses JPEG-LS, JPEG 2000 and RLE to what decodeFrame gives",
  ignore,
  fn: async () => {
    for (
      const name of [
        "emri_small_jpeg_ls_lossless.dcm",
        "emri_small_jpeg_2k_lossless.dcm",
        "emri_small_RLE.dcm",
        "JLSL_RGB_ILV0.dcm",
        "US1_J2KR.dcm",
      ]
    ) {
      const src = read(DATA + name);
      for (const to of [ELE, ILE]) {
        const out = roundTrip(
          await transcodePixelData(src.dataSet, src.transferSyntaxUid, to),
          to,
        );
        assert.equal(out.get(0x7fe00010)?.isEncapsulated, false, name);
        assert.deepEqual(
          await allFrames(out, to),
          await allFrames(src.dataSet, src.transferSyntaxUid),
          name,
        );
        const info = await decodeFrameWithInfo(src.dataSet, src.transferSyntaxUid);
        assert.equal(out.getString("PhotometricInterpretation"), info.photometricInterpretation);
        assert.equal(out.getString("SOPInstanceUID"), src.dataSet.getString("SOPInstanceUID"));
      }
    }
    // The source is not changed.
    const src = read(DATA + "emri_small_RLE.dcm");
    await transcodePixelData(src.dataSet, RLE, ELE);
    assert.equal(src.dataSet.get(0x7fe00010)?.isEncapsulated, true);
  },
});

Deno.test({
  name: "transcodePixelData turns JPEG YBR_FULL_422 into RGB colour-by-pixel and records the loss",
  ignore,
  fn: async () => {
    const src = read(FILES + "SC_rgb_dcmtk_+eb+cy+np.dcm");
    assert.equal(src.transferSyntaxUid, JPEG);
    const out = await transcodePixelData(src.dataSet, JPEG, ELE);
    assert.equal(out.getString("PhotometricInterpretation"), "RGB");
    assert.equal(out.getNumber("PlanarConfiguration"), 0);
    assert.equal(out.getString("LossyImageCompression"), "01");
    const methods = out.getStrings("LossyImageCompressionMethod");
    const ratios = out.getNumbers("LossyImageCompressionRatio");
    assert.equal(methods.at(-1), "ISO_10918_1");
    assert.equal(ratios.length, methods.length);
    assert.ok(ratios.at(-1)! > 1);
    assert.deepEqual(
      [...await decodeFrame(roundTrip(out, ELE), ELE)],
      [...await decodeFrame(src.dataSet, JPEG)],
    );
  },
});

Deno.test({
  name: "transcodePixelData compresses native to JPEG-LS, JPEG 2000 and RLE losslessly",
  ignore,
  fn: async () => {
    for (const name of ["emri_small.dcm", "SC_rgb.dcm", "SC_rgb_2frame.dcm", "MR2_UNCR.dcm"]) {
      const src = read(DATA + name);
      const original = await allFrames(src.dataSet, src.transferSyntaxUid);
      for (const to of [JLS, J2K, RLE]) {
        const out = await transcodePixelData(src.dataSet, src.transferSyntaxUid, to);
        const back = roundTrip(out, to);
        assert.equal(back.get(0x7fe00010)?.isEncapsulated, true);
        assert.deepEqual(
          back.get(0x7fe00010)?.fragments?.fragments.length,
          src.dataSet.getNumber("NumberOfFrames") ?? 1,
        );
        assert.equal(back.getString("LossyImageCompression"), "00", `${name} ${to}`);
        assert.deepEqual(await allFrames(back, to), original, `${name} ${to}`);
        if (to === J2K && src.dataSet.getNumber("SamplesPerPixel") === 3) {
          assert.equal(back.getString("PhotometricInterpretation"), "YBR_RCT");
        }
        // And back to native, bit for bit.
        const again = await transcodePixelData(back, to, ELE);
        assert.deepEqual(await allFrames(roundTrip(again, ELE), ELE), original);
      }
    }
  },
});

Deno.test({
  name: "transcodePixelData near-lossless JPEG-LS marks the data set lossy",
  ignore,
  fn: async () => {
    const src = read(DATA + "emri_small.dcm");
    const out = await transcodePixelData(src.dataSet, src.transferSyntaxUid, JLS_NEAR);
    assert.equal(out.getString("LossyImageCompression"), "01");
    assert.deepEqual(out.getStrings("LossyImageCompressionMethod"), ["ISO_14495_1"]);
    assert.ok(out.getNumber("LossyImageCompressionRatio")! > 1);
    assert.ok(isLossyEncoding(JLS_NEAR) && !isLossyEncoding(JLS) && !isLossyEncoding(RLE));
  },
});

Deno.test({
  name: "transcodePixelData with frame keeps one frame; native to native keeps the pixels",
  ignore,
  fn: async () => {
    const src = read(DATA + "emri_small_jpeg_2k_lossless.dcm");
    const out = roundTrip(await transcodePixelData(src.dataSet, J2K, ELE, { frame: 7 }), ELE);
    assert.equal(out.getNumber("NumberOfFrames"), 1);
    assert.deepEqual([...await decodeFrame(out, ELE)], [...await decodeFrame(src.dataSet, J2K, 7)]);
    await assert.rejects(transcodePixelData(src.dataSet, J2K, ELE, { frame: 99 }), /Frame 99/);
    const native = read(DATA + "emri_small.dcm");
    const same = await transcodePixelData(native.dataSet, native.transferSyntaxUid, ILE);
    assert.deepEqual(same.getBytes("PixelData"), native.dataSet.getBytes("PixelData"));
  },
});

Deno.test({
  name: "transcodePixelData refuses without a codec and names the frames that fail",
  ignore,
  fn: async () => {
    const native = read(DATA + "emri_small.dcm");
    await assert.rejects(
      transcodePixelData(native.dataSet, native.transferSyntaxUid, JPEG),
      (e) => e instanceof CodecUnavailableError && /no encoder for JPEG Baseline/.test(e.message),
    );
    assert.equal(canTranscodePixelData(ELE, JPEG), false);
    assert.equal(canTranscodePixelData(J2K, ELE), true);
    assert.equal(canTranscodePixelData(J2K, JLS), true);
    assert.equal(canTranscodePixelData("1.2.3", ELE), false);
    // A codestream OpenJPEG refuses (its SIZ holds FFFE,E0DD bytes).
    const broken = read(FILES + "JPEG2000-embedded-sequence-delimiter.dcm");
    await assert.rejects(
      transcodePixelData(broken.dataSet, broken.transferSyntaxUid, ELE),
      (e) =>
        e instanceof TranscodeError && e.errors.length === 1 && e.errors[0].frameIndex === 0 &&
        /Cannot transcode JPEG 2000.*frame 0/.test(e.message),
    );
    const old = registerDecoder(RLE, undefined);
    try {
      const rle = read(DATA + "emri_small_RLE.dcm");
      await assert.rejects(transcodePixelData(rle.dataSet, RLE, ELE), CodecUnavailableError);
      assert.equal(canTranscodePixelData(RLE, ELE), false);
    } finally {
      registerDecoder(RLE, old);
    }
  },
});
