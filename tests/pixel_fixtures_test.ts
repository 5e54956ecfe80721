/**
 * The pixel layer against real files from ../shared/fixtures: RLE frames decode to exactly the
 * native pixel data of their uncompressed siblings, big endian files read like their little
 * endian siblings, and sample values match what pydicom 2.3.1 (numpy 1.24) gave for the same
 * files. There is no data set reader yet, so the Pixel Data element is found by an ad-hoc scan
 * and the image attributes are hard-coded (from INDEX.tsv and pydicom).
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import {
  type EncapsulatedPixelData,
  frameFragments,
  readEncapsulatedPixelData,
} from "../src/pixel/encapsulation.ts";
import { frameByteLength, type ImageDescription } from "../src/pixel/image_description.ts";
import { nativeFrame } from "../src/pixel/native_pixels.ts";
import { decodeRleFrame, encodeRleFrame } from "../src/pixel/rle.ts";

const FIXTURES = new URL("../../shared/fixtures/", import.meta.url);
const missing = !existsSync(FIXTURES);
const V3 = "pydicom-v3.0.2/test_files/";
const DATA = "pydicom-data/";

function read(path: string): Uint8Array {
  const b = readFileSync(new URL(path, FIXTURES));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function image(over: Partial<ImageDescription>): ImageDescription {
  return {
    rows: 1,
    columns: 1,
    samplesPerPixel: 1,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    numberOfFrames: 1,
    photometricInterpretation: "MONOCHROME2",
    ...over,
  };
}

function bits(n: 1 | 8 | 16 | 32): Partial<ImageDescription> {
  return { bitsAllocated: n, bitsStored: n, highBit: n - 1 };
}

const MR_SMALL = image({ rows: 64, columns: 64, ...bits(16), pixelRepresentation: 1 });
const SC_RGB = image({
  rows: 100,
  columns: 100,
  samplesPerPixel: 3,
  photometricInterpretation: "RGB",
});
const RTDOSE = image({ rows: 10, columns: 10, ...bits(32), numberOfFrames: 15 });
const OBXXXX1A = image({ rows: 600, columns: 800, photometricInterpretation: "PALETTE COLOR" });
const EMRI = image({
  rows: 64,
  columns: 64,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  numberOfFrames: 10,
});
const LIVER = image({ rows: 512, columns: 512, ...bits(1), numberOfFrames: 3 });
const LIVER_ODD = { ...LIVER, rows: 510, columns: 510 };

/**
 * Finds a native Pixel Data value of a known length: the last (7FE0,0010) header, explicit or
 * implicit VR, little or big endian, whose length field says `length`.
 */
function nativePixelData(file: Uint8Array, length: number): { value: Uint8Array; vr: "OB" | "OW" } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let i = file.length - 8; i >= 0; i--) {
    const le = file[i] === 0xe0 && file[i + 1] === 0x7f && file[i + 2] === 0x10 &&
      file[i + 3] === 0x00;
    const be = file[i] === 0x7f && file[i + 1] === 0xe0 && file[i + 2] === 0x00 &&
      file[i + 3] === 0x10;
    if (!le && !be) continue;
    const explicit = file[i + 4] === 0x4f && (file[i + 5] === 0x42 || file[i + 5] === 0x57);
    const vr = file[i + 5] === 0x42 ? "OB" : "OW";
    if (explicit && i + 12 <= file.length && view.getUint32(i + 8, le) === length) {
      return { value: file.subarray(i + 12, i + 12 + length), vr };
    }
    if (le && view.getUint32(i + 4, true) === length) {
      return { value: file.subarray(i + 8, i + 8 + length), vr: "OW" };
    }
  }
  throw new Error(`No native Pixel Data of ${length} bytes`);
}

/** Finds the last (7FE0,0010) OB/OW with undefined length and reads its items. */
function encapsulated(file: Uint8Array): EncapsulatedPixelData {
  for (let i = file.length - 12; i >= 0; i--) {
    if (
      file[i] === 0xe0 && file[i + 1] === 0x7f && file[i + 2] === 0x10 && file[i + 3] === 0x00 &&
      file[i + 4] === 0x4f && (file[i + 5] === 0x42 || file[i + 5] === 0x57) &&
      file.subarray(i + 8, i + 12).every((b) => b === 0xff)
    ) {
      const read = readEncapsulatedPixelData(file, { offset: i + 12 });
      if (read === undefined) throw new Error("Encapsulated Pixel Data is truncated");
      return read.pixelData;
    }
  }
  throw new Error("No encapsulated Pixel Data");
}

function rleFrames(file: Uint8Array, frames: number): Uint8Array[] {
  return frameFragments(encapsulated(file), frames).map((parts) => {
    assert.equal(parts.length, 1, "an RLE frame is one fragment (PS3.5 A.4.2)");
    return parts[0];
  });
}

interface RlePair {
  rle: string;
  native: string;
  nativeLength: number;
  d: ImageDescription;
}

const RLE_PAIRS: RlePair[] = [
  { rle: V3 + "MR_small_RLE.dcm", native: V3 + "MR_small.dcm", nativeLength: 8192, d: MR_SMALL },
  { rle: V3 + "SC_rgb_rle.dcm", native: DATA + "SC_rgb.dcm", nativeLength: 30000, d: SC_RGB },
  {
    rle: V3 + "SC_rgb_rle_2frame.dcm",
    native: DATA + "SC_rgb_2frame.dcm",
    nativeLength: 60000,
    d: { ...SC_RGB, numberOfFrames: 2 },
  },
  {
    rle: V3 + "SC_rgb_rle_16bit.dcm",
    native: DATA + "SC_rgb_16bit.dcm",
    nativeLength: 60000,
    d: { ...SC_RGB, ...bits(16) },
  },
  {
    rle: V3 + "SC_rgb_rle_16bit_2frame.dcm",
    native: DATA + "SC_rgb_16bit_2frame.dcm",
    nativeLength: 120000,
    d: { ...SC_RGB, ...bits(16), numberOfFrames: 2 },
  },
  {
    rle: V3 + "SC_rgb_rle_32bit.dcm",
    native: DATA + "SC_rgb_32bit.dcm",
    nativeLength: 120000,
    d: { ...SC_RGB, ...bits(32) },
  },
  {
    rle: V3 + "SC_rgb_rle_32bit_2frame.dcm",
    native: DATA + "SC_rgb_32bit_2frame.dcm",
    nativeLength: 240000,
    d: { ...SC_RGB, ...bits(32), numberOfFrames: 2 },
  },
  { rle: V3 + "rtdose_rle.dcm", native: V3 + "rtdose.dcm", nativeLength: 6000, d: RTDOSE },
  {
    rle: V3 + "rtdose_rle_1frame.dcm",
    native: V3 + "rtdose_1frame.dcm",
    nativeLength: 400,
    d: { ...RTDOSE, numberOfFrames: 1 },
  },
  {
    rle: DATA + "OBXXXX1A_rle.dcm",
    native: DATA + "OBXXXX1A.dcm",
    nativeLength: 480000,
    d: OBXXXX1A,
  },
  {
    rle: DATA + "OBXXXX1A_rle_2frame.dcm",
    native: DATA + "OBXXXX1A_2frame.dcm",
    nativeLength: 960000,
    d: { ...OBXXXX1A, numberOfFrames: 2 },
  },
  {
    rle: DATA + "emri_small_RLE.dcm",
    native: DATA + "emri_small.dcm",
    nativeLength: 81920,
    d: EMRI,
  },
  { rle: DATA + "liver_rle.dcm", native: DATA + "liver.dcm", nativeLength: 98304, d: LIVER },
  {
    rle: DATA + "liver_nonbyte_aligned_rle.dcm",
    native: DATA + "liver_nonbyte_aligned.dcm",
    nativeLength: 97538,
    d: LIVER_ODD,
  },
];

for (const pair of RLE_PAIRS) {
  Deno.test({
    name: `RLE frames of ${pair.rle} decode to the pixel data of ${pair.native}`,
    ignore: missing,
    fn() {
      const { d } = pair;
      const frames = rleFrames(read(pair.rle), d.numberOfFrames);
      const native = nativePixelData(read(pair.native), pair.nativeLength).value;
      const one = { ...d, numberOfFrames: 1 };
      frames.forEach((frame, i) => {
        const decoded = decodeRleFrame(frame, d);
        if (d.bitsAllocated === 1) {
          // RLE frames are packed per frame; native 1-bit frames run on across byte boundaries.
          assert.deepEqual(nativeFrame(decoded, one, 0), nativeFrame(native, d, i), `frame ${i}`);
        } else {
          const length = frameByteLength(d);
          assert.deepEqual(decoded, native.subarray(i * length, (i + 1) * length), `frame ${i}`);
        }
        // Our encoder's output decodes to the same bytes.
        assert.deepEqual(
          decodeRleFrame(encodeRleFrame(decoded, d), d),
          decoded,
          `re-encoded frame ${i}`,
        );
      });
    },
  });
}

Deno.test({
  name: "an RLE file without a Basic Offset Table has one fragment per frame",
  ignore: missing,
  fn() {
    const e = encapsulated(read(V3 + "rtdose_rle.dcm"));
    assert.equal(e.basicOffsetTable.length, 0);
    assert.equal(e.fragments.length, 15);
  },
});

interface EndianPair {
  big: string;
  little: string;
  length: number;
  d: ImageDescription;
  vr: "OB" | "OW";
}

const ENDIAN_PAIRS: EndianPair[] = [
  {
    big: V3 + "MR_small_bigendian.dcm",
    little: V3 + "MR_small.dcm",
    length: 8192,
    d: MR_SMALL,
    vr: "OW",
  },
  {
    big: DATA + "emri_small_big_endian.dcm",
    little: DATA + "emri_small.dcm",
    length: 81920,
    d: EMRI,
    vr: "OW",
  },
  { big: V3 + "rtdose_expb.dcm", little: V3 + "rtdose.dcm", length: 6000, d: RTDOSE, vr: "OW" },
  // 8-bit samples in OW: swapped in 16-bit words.
  {
    big: DATA + "OBXXXX1A_expb.dcm",
    little: DATA + "OBXXXX1A.dcm",
    length: 480000,
    d: OBXXXX1A,
    vr: "OW",
  },
  {
    big: DATA + "SC_rgb_expb.dcm",
    little: DATA + "SC_rgb.dcm",
    length: 30000,
    d: SC_RGB,
    vr: "OB",
  },
  { big: DATA + "liver_expb.dcm", little: DATA + "liver.dcm", length: 98304, d: LIVER, vr: "OB" },
];

for (const pair of ENDIAN_PAIRS) {
  Deno.test({
    name: `nativeFrame reads big endian ${pair.big} like ${pair.little}`,
    ignore: missing,
    fn() {
      const big = nativePixelData(read(pair.big), pair.length);
      const little = nativePixelData(read(pair.little), pair.length).value;
      assert.equal(big.vr, pair.vr);
      for (let i = 0; i < pair.d.numberOfFrames; i++) {
        assert.deepEqual(
          nativeFrame(big.value, pair.d, i, { littleEndian: false, vr: big.vr }),
          nativeFrame(little, pair.d, i),
          `frame ${i}`,
        );
      }
    },
  });
}

interface PydicomValues {
  frame: number;
  sum: number;
  samples: Record<number, number>;
}

interface PydicomCase {
  file: string;
  length: number;
  d: ImageDescription;
  type: string;
  littleEndian?: boolean;
  frames: PydicomValues[];
}

// Values printed by pydicom 2.3.1 `ds.pixel_array` with numpy 1.24 (flat indices into each frame).
const PYDICOM: PydicomCase[] = [
  {
    file: V3 + "MR_small.dcm",
    length: 8192,
    d: MR_SMALL,
    type: "Int16Array",
    frames: [{
      frame: 0,
      sum: 2125338,
      samples: { 0: 905, 1: 1019, 1365: 446, 2055: 293, 4095: 862 },
    }],
  },
  {
    file: V3 + "MR_small_bigendian.dcm",
    length: 8192,
    d: MR_SMALL,
    type: "Int16Array",
    littleEndian: false,
    frames: [{
      frame: 0,
      sum: 2125338,
      samples: { 0: 905, 1: 1019, 1365: 446, 2055: 293, 4095: 862 },
    }],
  },
  {
    file: DATA + "emri_small.dcm",
    length: 81920,
    d: EMRI,
    type: "Uint16Array",
    frames: [
      { frame: 0, sum: 590962, samples: { 0: 31, 1: 8, 1365: 45, 2055: 212, 4095: 135 } },
      { frame: 9, sum: 483370, samples: { 0: 110, 1: 13, 1365: 74, 2055: 62, 4095: 147 } },
    ],
  },
  {
    file: V3 + "rtdose.dcm",
    length: 6000,
    d: RTDOSE,
    type: "Uint32Array",
    frames: [
      {
        frame: 0,
        sum: 101378000,
        samples: { 0: 1249000, 1: 1249000, 33: 1083000, 57: 986000, 99: 798000 },
      },
      {
        frame: 14,
        sum: 101391000,
        samples: { 0: 1249000, 1: 1250000, 33: 1083000, 57: 983000, 99: 799000 },
      },
    ],
  },
  {
    file: DATA + "SC_rgb_16bit_2frame.dcm",
    length: 120000,
    d: { ...SC_RGB, ...bits(16), numberOfFrames: 2 },
    type: "Uint16Array",
    frames: [
      {
        frame: 0,
        sum: 984567000,
        samples: { 0: 65535, 1: 0, 10000: 65535, 15007: 32896, 29999: 65535 },
      },
      { frame: 1, sum: 981483000, samples: { 0: 0, 1: 65535, 10000: 0, 15007: 32639, 29999: 0 } },
    ],
  },
  {
    file: DATA + "liver_nonbyte_aligned.dcm",
    length: 97538,
    d: LIVER_ODD,
    type: "Uint8Array",
    frames: [
      { frame: 0, sum: 36233, samples: { 74203: 0, 74204: 1, 118976: 1, 186815: 1, 186816: 0 } },
      { frame: 1, sum: 35645, samples: { 74713: 0, 74714: 1, 118963: 1, 186305: 1 } },
      { frame: 2, sum: 35220, samples: { 75218: 0, 75219: 1, 118924: 1, 185795: 1 } },
    ],
  },
  {
    file: V3 + "SC_ybr_full_422_uncompressed.dcm",
    length: 20000,
    d: { ...SC_RGB, photometricInterpretation: "YBR_FULL_422" },
    type: "Uint8Array",
    frames: [{
      frame: 0,
      sum: 3836400,
      samples: { 0: 76, 1: 85, 2: 255, 3: 76, 10000: 86, 15007: 192, 29999: 128 },
    }],
  },
  {
    file: DATA + "OBXXXX1A.dcm",
    length: 480000,
    d: OBXXXX1A,
    type: "Uint8Array",
    frames: [{ frame: 0, sum: 15277394, samples: { 0: 244, 1: 244, 160000: 0, 479999: 0 } }],
  },
];

for (const c of PYDICOM) {
  Deno.test({
    name: `nativeFrame gives pydicom's pixel values for ${c.file}`,
    ignore: missing,
    fn() {
      const { value, vr } = nativePixelData(read(c.file), c.length);
      for (const expected of c.frames) {
        const a = nativeFrame(value, c.d, expected.frame, {
          littleEndian: c.littleEndian ?? true,
          vr,
        });
        assert.equal(a.constructor.name, c.type);
        assert.equal(a.length, c.d.rows * c.d.columns * c.d.samplesPerPixel);
        let sum = 0;
        for (let i = 0; i < a.length; i++) sum += a[i];
        assert.equal(sum, expected.sum, `sum of frame ${expected.frame}`);
        for (const [index, v] of Object.entries(expected.samples)) {
          assert.equal(a[Number(index)], v, `frame ${expected.frame} sample ${index}`);
        }
      }
    },
  });
}
