import assert from "node:assert/strict";
import fc from "fast-check";
import { PixelDataError } from "./errors.ts";
import type { ImageDescription } from "./image_description.ts";
import { nativeFrame, nativeFrames, nativePixelData, type PixelArray } from "./native_pixels.ts";

function desc(over: Partial<ImageDescription> = {}): ImageDescription {
  return {
    rows: 1,
    columns: 2,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    numberOfFrames: 1,
    photometricInterpretation: "MONOCHROME2",
    ...over,
  };
}

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  return Uint8Array.from(
    { length: clean.length / 2 },
    (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}

Deno.test("nativeFrame reads 16-bit signed little endian samples", () => {
  const d = desc({ pixelRepresentation: 1 });
  const a = nativeFrame(hex("fe ff 10 00"), d, 0);
  assert.ok(a instanceof Int16Array);
  assert.deepEqual([...a], [-2, 16]);
});

Deno.test("nativeFrame masks bits above High Bit and sign-extends from it", () => {
  // 12 bits stored at bits 0-11; bits 12-15 hold overlay data (PS3.5 8.1.1).
  const bytes = hex("ff 0f  01 f0  00 f8  ff f7");
  assert.deepEqual([...nativeFrame(bytes, desc({ columns: 4, bitsStored: 12, highBit: 11 }), 0)], [
    0xfff,
    1,
    0x800,
    0x7ff,
  ]);
  const signed = nativeFrame(
    bytes,
    desc({ columns: 4, bitsStored: 12, highBit: 11, pixelRepresentation: 1 }),
    0,
  );
  assert.ok(signed instanceof Int16Array);
  assert.deepEqual([...signed], [-1, 1, -2048, 2047]);
});

Deno.test("nativeFrame takes the value from High Bit down when High Bit is above Bits Stored - 1", () => {
  // Bits stored 12 at high bit 15: the value is bits 4-15.
  const d = desc({ columns: 2, bitsStored: 12, highBit: 15, pixelRepresentation: 1 });
  assert.deepEqual([...nativeFrame(hex("f0 ff 1f 00"), d, 0)], [-1, 1]);
});

Deno.test("nativeFrame reads 8-bit and 32-bit samples signed and unsigned", () => {
  const d8 = desc({ columns: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  assert.deepEqual([...nativeFrame(hex("00 7f ff"), d8, 0)], [0, 127, 255]);
  const s8 = nativeFrame(hex("00 7f ff"), { ...d8, pixelRepresentation: 1 }, 0);
  assert.ok(s8 instanceof Int8Array);
  assert.deepEqual([...s8], [0, 127, -1]);
  const d32 = desc({ columns: 2, bitsAllocated: 32, bitsStored: 32, highBit: 31 });
  assert.deepEqual([...nativeFrame(hex("ffffffff 01000080"), d32, 0)], [0xffffffff, 0x80000001]);
  const s32 = nativeFrame(hex("ffffffff 01000080"), { ...d32, pixelRepresentation: 1 }, 0);
  assert.ok(s32 instanceof Int32Array);
  assert.deepEqual([...s32], [-1, -0x7fffffff]);
});

Deno.test("nativeFrame unpacks 1-bit frames least significant bit first across frame boundaries", () => {
  // 3 frames of 1x3 pixels = 9 bits: frame 1 starts at bit 3, frame 2 at bit 6 (PS3.5 8.1.1).
  const d = desc({ columns: 3, bitsAllocated: 1, bitsStored: 1, highBit: 0, numberOfFrames: 3 });
  const bytes = new Uint8Array([0b10_110_101, 0b1, 0]);
  assert.deepEqual([...nativeFrame(bytes, d, 0)], [1, 0, 1]);
  assert.deepEqual([...nativeFrame(bytes, d, 1)], [0, 1, 1]);
  assert.deepEqual([...nativeFrame(bytes, d, 2)], [0, 1, 1]);
  assert.deepEqual([...nativeFrames(bytes, d)].map((f) => [...f]), [[1, 0, 1], [0, 1, 1], [
    0,
    1,
    1,
  ]]);
});

Deno.test("nativeFrame byte-swaps big endian 16- and 32-bit samples", () => {
  const d16 = desc({ pixelRepresentation: 1 });
  assert.deepEqual([...nativeFrame(hex("ff fe 00 10"), d16, 0, { littleEndian: false })], [-2, 16]);
  const d32 = desc({ bitsAllocated: 32, bitsStored: 32, highBit: 31 });
  assert.deepEqual([...nativeFrame(hex("00130ee8 00000001"), d32, 0, { littleEndian: false })], [
    0x00130ee8,
    1,
  ]);
});

Deno.test("nativeFrame swaps 8-bit OW big endian data in 16-bit words but never OB", () => {
  // PS3.5 7.3: OW is a string of 16-bit words; OBXXXX1A_expb.dcm stores 8-bit samples so.
  const d = desc({ columns: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, numberOfFrames: 2 });
  const ow = hex("02 01 04 03 06 05");
  assert.deepEqual([...nativeFrame(ow, d, 0, { littleEndian: false, vr: "OW" })], [1, 2, 3]);
  assert.deepEqual([...nativeFrame(ow, d, 1, { littleEndian: false, vr: "OW" })], [4, 5, 6]);
  assert.deepEqual([...nativeFrame(ow, d, 0, { littleEndian: false })], [2, 1, 4]);
  assert.deepEqual([...nativeFrame(ow, d, 0, { littleEndian: false, vr: "OB" })], [2, 1, 4]);
});

Deno.test("nativeFrame converts colour-by-plane to colour-by-pixel unless asked not to", () => {
  const d = desc({
    columns: 2,
    samplesPerPixel: 3,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    planarConfiguration: 1,
  });
  const planes = hex("0102 1112 2122");
  assert.deepEqual([...nativeFrame(planes, d, 0)], [0x01, 0x11, 0x21, 0x02, 0x12, 0x22]);
  assert.deepEqual([...nativeFrame(planes, d, 0, { planar: "as-stored" })], [...planes]);
  const d16 = { ...d, bitsAllocated: 16, bitsStored: 16, highBit: 15 };
  const planes16 = hex("0100 0200 1100 1200 2100 2200");
  assert.deepEqual([...nativeFrame(planes16, d16, 0)], [1, 0x11, 0x21, 2, 0x12, 0x22]);
});

Deno.test("nativeFrame expands YBR_FULL_422 pairs to three samples per pixel", () => {
  const d = desc({
    columns: 4,
    samplesPerPixel: 3,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    photometricInterpretation: "YBR_FULL_422",
  });
  const stored = hex("10 11 80 81  20 21 90 91");
  assert.deepEqual([...nativeFrame(stored, d, 0)], [
    ...[0x10, 0x80, 0x81, 0x11, 0x80, 0x81],
    ...[0x20, 0x90, 0x91, 0x21, 0x90, 0x91],
  ]);
  assert.deepEqual([...nativeFrame(stored, d, 0, { planar: "as-stored" })], [...stored]);
});

Deno.test("nativeFrame reads float and double float pixel data in both byte orders", () => {
  const d32 = desc({ bitsAllocated: 32, bitsStored: 32, highBit: 31 });
  const le = new Uint8Array(new Float32Array([1.5, -2.25]).buffer);
  const f = nativeFrame(le, d32, 0, { float: true });
  assert.ok(f instanceof Float32Array);
  assert.deepEqual([...f], [1.5, -2.25]);
  const be = le.slice();
  be.subarray(0, 4).reverse();
  be.subarray(4, 8).reverse();
  assert.deepEqual([...nativeFrame(be, d32, 0, { float: true, littleEndian: false })], [
    1.5,
    -2.25,
  ]);
  const d64 = desc({ bitsAllocated: 64, bitsStored: 64, highBit: 63 });
  const g = nativeFrame(new Uint8Array(new Float64Array([Math.PI, -0]).buffer), d64, 0, {
    float: true,
  });
  assert.ok(g instanceof Float64Array);
  assert.deepEqual([...g], [Math.PI, -0]);
  assert.throws(() => nativeFrame(new Uint8Array(16), d64, 0), PixelDataError);
  assert.throws(
    () => nativeFrame(new Uint8Array(4), desc({ bitsAllocated: 16 }), 0, { float: true }),
    PixelDataError,
  );
});

Deno.test("nativeFrame returns a zero-copy view when nothing needs converting", () => {
  const buffer = new Uint8Array(2 + 8);
  buffer.set(hex("0100 0200 0300 0400"), 2);
  const pixelData = buffer.subarray(2);
  const d = desc({ numberOfFrames: 2 });
  const frame1 = nativeFrame(pixelData, d, 1);
  assert.equal(frame1.buffer, buffer.buffer);
  assert.equal(frame1.byteOffset, 6);
  assert.deepEqual([...frame1], [3, 4]);
  // Misaligned for Uint16Array: copied, same values.
  const odd = new Uint8Array(9);
  odd.set(pixelData, 1);
  const copied = nativeFrame(odd.subarray(1), d, 1);
  assert.notEqual(copied.buffer, odd.buffer);
  assert.deepEqual([...copied], [3, 4]);
  // Masking needed: copied, and the source is left alone.
  const masked = nativeFrame(pixelData, { ...d, bitsStored: 12, highBit: 11 }, 0);
  assert.notEqual(masked.buffer, buffer.buffer);
});

Deno.test("nativeFrame throws PixelDataError with the frame index when the data is short", () => {
  const d = desc({ numberOfFrames: 3 });
  assert.throws(
    () => nativeFrame(new Uint8Array(10), d, 2),
    (e) =>
      e instanceof PixelDataError && e instanceof RangeError && e.frameIndex === 2 &&
      e.message === "Pixel data too short: frame 2 needs bytes 8-12, have 10",
  );
  assert.throws(
    () => nativeFrame(new Uint8Array(12), d, 3),
    (e) => e instanceof PixelDataError && e.frameIndex === 3,
  );
  assert.throws(() => nativeFrame(new Uint8Array(12), d, -1), PixelDataError);
  const frames = nativeFrames(new Uint8Array(10), d);
  assert.deepEqual([...frames.next().value as PixelArray], [0, 0]);
  assert.deepEqual([...frames.next().value as PixelArray], [0, 0]);
  assert.throws(() => frames.next(), (e) => e instanceof PixelDataError && e.frameIndex === 2);
  // 1-bit: 3 frames of 9 bits need 4 bytes.
  const bits = desc({
    rows: 3,
    columns: 3,
    bitsAllocated: 1,
    bitsStored: 1,
    highBit: 0,
    numberOfFrames: 3,
  });
  nativeFrame(new Uint8Array(4), bits, 2);
  assert.throws(
    () => nativeFrame(new Uint8Array(3), bits, 2),
    (e) => e instanceof PixelDataError && e.frameIndex === 2,
  );
});

Deno.test("nativePixelData pads to even length and places values at High Bit", () => {
  const d = desc({ columns: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  assert.deepEqual([...nativePixelData([[1, 2, 3]], d)], [1, 2, 3, 0]);
  const shifted = desc({ columns: 1, bitsStored: 12, highBit: 15, pixelRepresentation: 1 });
  assert.deepEqual([...nativePixelData([[-1]], shifted)], [0xf0, 0xff]);
  assert.deepEqual([...nativePixelData([[-1]], shifted, { littleEndian: false })], [0xff, 0xf0]);
  assert.throws(
    () => nativePixelData([[1, 2]], d),
    (e) => e instanceof PixelDataError && e.frameIndex === 0,
  );
  assert.throws(() => nativePixelData([], d), PixelDataError);
});

interface Case {
  d: ImageDescription;
  frames: number[][];
  littleEndian: boolean;
  vr: "OB" | "OW";
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  bitsAllocated: fc.constantFrom(1, 8, 16, 32),
  samplesPerPixel: fc.constantFrom(1, 3),
  planarConfiguration: fc.constantFrom(0 as const, 1 as const),
  pixelRepresentation: fc.constantFrom(0 as const, 1 as const),
  rows: fc.integer({ min: 1, max: 5 }),
  columns: fc.integer({ min: 1, max: 5 }),
  numberOfFrames: fc.integer({ min: 1, max: 3 }),
  storedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  highFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  littleEndian: fc.boolean(),
  vr: fc.constantFrom("OB" as const, "OW" as const),
}).chain((r) => {
  const ba = r.bitsAllocated;
  const bitsStored = ba === 1 ? 1 : Math.max(1, Math.round(r.storedFraction * ba));
  const highBit = bitsStored - 1 + Math.floor(r.highFraction * (ba - bitsStored + 0.999));
  const pixelRepresentation = ba === 1 ? 0 : r.pixelRepresentation;
  const d: ImageDescription = {
    rows: r.rows,
    columns: r.columns,
    samplesPerPixel: r.samplesPerPixel,
    bitsAllocated: ba,
    bitsStored,
    highBit,
    pixelRepresentation,
    planarConfiguration: r.planarConfiguration,
    numberOfFrames: r.numberOfFrames,
    photometricInterpretation: r.samplesPerPixel === 3 ? "RGB" : "MONOCHROME2",
  };
  const min = pixelRepresentation === 1 ? -(2 ** (bitsStored - 1)) : 0;
  const max = pixelRepresentation === 1 ? 2 ** (bitsStored - 1) - 1 : 2 ** bitsStored - 1;
  const n = r.rows * r.columns * r.samplesPerPixel;
  const frame = fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n });
  return fc.array(frame, { minLength: r.numberOfFrames, maxLength: r.numberOfFrames }).map(
    (frames) => ({ d, frames, littleEndian: r.littleEndian, vr: r.vr }),
  );
});

Deno.test("nativeFrame inverts nativePixelData for every bits allocated, sign, planar and byte order", () => {
  fc.assert(
    fc.property(caseArbitrary, ({ d, frames, littleEndian, vr }) => {
      const bytes = nativePixelData(frames, d, { littleEndian, vr });
      assert.equal(bytes.length % 2, 0);
      for (let i = 0; i < frames.length; i++) {
        assert.deepEqual([...nativeFrame(bytes, d, i, { littleEndian, vr })], frames[i]);
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("nativeFrame ignores whatever the bits outside Bits Stored hold", () => {
  fc.assert(
    fc.property(caseArbitrary, fc.uint8Array({ minLength: 1 }), ({ d, frames }, noise) => {
      fc.pre(d.bitsAllocated > 8 && d.bitsStored < d.bitsAllocated);
      const bytes = nativePixelData(frames, d);
      const view = new DataView(bytes.buffer);
      const bps = d.bitsAllocated / 8;
      const low = d.highBit - d.bitsStored + 1;
      const valueMask = (2 ** d.bitsStored - 1) * 2 ** low;
      for (let at = 0, i = 0; at + bps <= bytes.length; at += bps, i++) {
        const garbage = noise[i % noise.length] * 0x01010101;
        if (bps === 2) {
          const v = view.getUint16(at, true);
          view.setUint16(at, (v & valueMask) | (garbage & ~valueMask & 0xffff), true);
        } else {
          const v = view.getUint32(at, true);
          view.setUint32(at, ((v & valueMask) | (garbage & ~valueMask)) >>> 0, true);
        }
      }
      for (let i = 0; i < frames.length; i++) {
        assert.deepEqual([...nativeFrame(bytes, d, i)], frames[i]);
      }
    }),
    { numRuns: 300 },
  );
});

Deno.test("nativeFrame inverts nativePixelData for float data", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(32, 64),
      fc.boolean(),
      fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 12 }),
      (bits, littleEndian, values) => {
        const d = desc({
          columns: values.length,
          bitsAllocated: bits,
          bitsStored: bits,
          highBit: bits - 1,
        });
        const expected = bits === 32 ? [...Float32Array.from(values)] : values;
        const bytes = nativePixelData([values], d, { littleEndian, float: true });
        assert.deepEqual([...nativeFrame(bytes, d, 0, { littleEndian, float: true })], expected);
      },
    ),
  );
});
