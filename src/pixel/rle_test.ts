import assert from "node:assert/strict";
import fc from "fast-check";
import { PixelDataError, RleError } from "./errors.ts";
import type { ImageDescription } from "./image_description.ts";
import { decodeRleFrame, encodeRleFrame } from "./rle.ts";

function desc(over: Partial<ImageDescription> = {}): ImageDescription {
  return {
    rows: 1,
    columns: 8,
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

function hex(s: string): number[] {
  const clean = s.replace(/\s+/g, "");
  return Array.from(
    { length: clean.length / 2 },
    (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}

/** An RLE frame: the 64-byte header (PS3.5 G.5) with `count` segments, then the segments. */
function rleFrame(segments: number[][], count = segments.length): Uint8Array {
  const body = segments.flat();
  const out = new Uint8Array(64 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  let offset = 64;
  segments.forEach((s, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  out.set(body, 64);
  return out;
}

function rleError(offset: number, segmentIndex?: number): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof RleError, String(e));
    assert.ok(e instanceof PixelDataError && e instanceof RangeError);
    assert.equal(e.offset, offset, e.message);
    if (segmentIndex !== undefined) assert.equal(e.segmentIndex, segmentIndex, e.message);
    assert.match(e.message, /^Cannot (de|en)code RLE: /);
    return true;
  };
}

Deno.test("decodeRleFrame decodes literal, replicate and no-op runs (PS3.5 G.3.1)", () => {
  // 02: literal of 3; 80: no-op; fc: replicate 257-252 = 5 times.
  const frame = rleFrame([hex("02 01 02 03  80  fc 04  00")]);
  assert.deepEqual([...decodeRleFrame(frame, desc())], [1, 2, 3, 4, 4, 4, 4, 4]);
});

Deno.test("decodeRleFrame puts the first segment of a sample in its most significant byte", () => {
  // 16-bit values 0x0102, 0x0304: segment 0 holds 01 03, segment 1 holds 02 04 (PS3.5 G.2).
  const frame = rleFrame([hex("01 01 03 00"), hex("01 02 04 00")]);
  const d = desc({ columns: 2, bitsAllocated: 16, bitsStored: 16, highBit: 15 });
  assert.deepEqual([...decodeRleFrame(frame, d)], hex("02 01 04 03"));
  assert.deepEqual([...encodeRleFrame(new Uint8Array(hex("02 01 04 03")), d)], [...frame]);
});

Deno.test("decodeRleFrame returns colour-by-pixel bytes, or colour-by-plane when asked", () => {
  const frame = rleFrame([hex("01 10 11 00"), hex("01 20 21 00"), hex("01 30 31 00")]);
  const d = desc({ columns: 2, samplesPerPixel: 3, photometricInterpretation: "RGB" });
  assert.deepEqual([...decodeRleFrame(frame, d)], hex("10 20 30 11 21 31"));
  assert.deepEqual(
    [...decodeRleFrame(frame, d, { planarConfiguration: 1 })],
    hex("10 11 20 21 30 31"),
  );
  assert.deepEqual([...encodeRleFrame(new Uint8Array(hex("10 20 30 11 21 31")), d)], [...frame]);
  const planar = { ...d, planarConfiguration: 1 as const };
  assert.deepEqual([...encodeRleFrame(new Uint8Array(hex("10 11 20 21 30 31")), planar)], [
    ...frame,
  ]);
});

Deno.test("decodeRleFrame decodes 1-bit frames to packed bits", () => {
  const d = desc({ rows: 3, columns: 5, bitsAllocated: 1, bitsStored: 1, highBit: 0 });
  const frame = rleFrame([hex("01 aa 55")]);
  assert.deepEqual([...decodeRleFrame(frame, d)], [0xaa, 0x55]);
  assert.deepEqual([...encodeRleFrame(new Uint8Array([0xaa, 0x55]), d)], [...frame, 0]);
});

Deno.test("decodeRleFrame clips runs past the expected length and ignores trailing bytes", () => {
  assert.deepEqual([...decodeRleFrame(rleFrame([hex("81 07 00 00 00")]), desc())], [
    7,
    7,
    7,
    7,
    7,
    7,
    7,
    7,
  ]);
  assert.deepEqual([...decodeRleFrame(rleFrame([hex("09 00010203040506070809")]), desc())], [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
  ]);
});

Deno.test("decodeRleFrame rejects a bad header with the offset of the bad field", () => {
  assert.throws(() => decodeRleFrame(new Uint8Array(10), desc()), rleError(0));
  assert.throws(() => decodeRleFrame(rleFrame([], 0), desc()), rleError(0));
  assert.throws(() => decodeRleFrame(rleFrame([[0xf9, 1]], 16), desc()), rleError(0));
  assert.throws(() => decodeRleFrame(rleFrame([[0xf9, 1], [0xf9, 1]]), desc()), rleError(0));
  const low = rleFrame([[0xf9, 1]]);
  low[4] = 60;
  assert.throws(() => decodeRleFrame(low, desc()), rleError(4, 0));
  const past = rleFrame([[0xf9, 1]]);
  past[4] = 67;
  assert.throws(() => decodeRleFrame(past, desc()), rleError(4, 0));
  const d16 = desc({ bitsAllocated: 16, bitsStored: 16, highBit: 15 });
  const decreasing = rleFrame([[0xf9, 1], [0xf9, 2]]);
  decreasing[8] = 63;
  assert.throws(() => decodeRleFrame(decreasing, d16), rleError(8, 1));
  // A corrupt header is an error even when lenient.
  assert.throws(() => decodeRleFrame(past, desc(), { lenient: true }), rleError(4, 0));
});

Deno.test("decodeRleFrame rejects runs cut short, with the run's offset", () => {
  const d16 = desc({ bitsAllocated: 16, bitsStored: 16, highBit: 15 });
  assert.throws(() => decodeRleFrame(rleFrame([hex("05 01 02")]), desc()), rleError(64, 0));
  assert.throws(() => decodeRleFrame(rleFrame([hex("f9 01"), hex("f9")]), d16), rleError(66, 1));
  assert.throws(
    () => decodeRleFrame(rleFrame([hex("f9 01"), hex("01 02 03 fe")]), d16),
    rleError(69, 1),
  );
});

Deno.test("decodeRleFrame rejects a segment that decodes to too few bytes unless lenient", () => {
  const frame = rleFrame([hex("01 01 02")]);
  assert.throws(() => decodeRleFrame(frame, desc()), rleError(67, 0));
  assert.deepEqual([...decodeRleFrame(frame, desc(), { lenient: true })], [1, 2, 0, 0, 0, 0, 0, 0]);
  const cut = rleFrame([hex("05 01 02")]);
  assert.deepEqual([...decodeRleFrame(cut, desc(), { lenient: true })], [1, 2, 0, 0, 0, 0, 0, 0]);
  const rgb = desc({ columns: 2, samplesPerPixel: 3, photometricInterpretation: "RGB" });
  const missing = rleFrame([hex("01 10 11 00")]);
  assert.throws(() => decodeRleFrame(missing, rgb), rleError(0));
  assert.deepEqual([...decodeRleFrame(missing, rgb, { lenient: true })], hex("10 00 00 11 00 00"));
  const extra = rleFrame([hex("fd 07"), hex("fd 08")]);
  assert.deepEqual([...decodeRleFrame(extra, desc({ columns: 4 }), { lenient: true })], [
    7,
    7,
    7,
    7,
  ]);
});

Deno.test("encodeRleFrame encodes each row separately and pads segments to even length", () => {
  // PS3.5 G.3.2: runs do not cross rows; 2 rows of 4 zeros are two replicate runs.
  const rows = encodeRleFrame(new Uint8Array(8), desc({ rows: 2, columns: 4 }));
  assert.deepEqual([...rows.subarray(64)], hex("fd 00 fd 00"));
  assert.deepEqual([...rows.subarray(0, 8)], hex("01000000 40000000"));
  assert.ok(rows.subarray(8, 64).every((b) => b === 0));
  const odd = encodeRleFrame(new Uint8Array([1, 2]), desc({ columns: 2 }));
  assert.deepEqual([...odd.subarray(64)], hex("01 01 02 00"));
  const mixed = encodeRleFrame(new Uint8Array([1, 1, 2, 3, 3, 4, 5, 5, 5]), desc({ columns: 9 }));
  assert.deepEqual([...mixed.subarray(64)], hex("ff 01  03 02 03 03 04  fe 05  00"));
});

Deno.test("encodeRleFrame splits literal and replicate runs at 128 bytes", () => {
  const ramp = Uint8Array.from({ length: 200 }, (_, i) => i);
  const a = encodeRleFrame(ramp, desc({ columns: 200 }));
  assert.equal(a.length, 64 + 1 + 128 + 1 + 72);
  assert.equal(a[64], 127);
  assert.equal(a[64 + 129], 71);
  const flat = encodeRleFrame(new Uint8Array(300).fill(9), desc({ columns: 300 }));
  assert.deepEqual([...flat.subarray(64)], hex("81 09 81 09 d5 09"));
});

Deno.test("encodeRleFrame rejects a wrong length and layouts RLE cannot hold", () => {
  assert.throws(() => encodeRleFrame(new Uint8Array(7), desc()), rleError(7));
  const wide = desc({ samplesPerPixel: 3, bitsAllocated: 64, bitsStored: 64, highBit: 63 });
  assert.throws(() => encodeRleFrame(new Uint8Array(192), wide), rleError(0));
  assert.throws(() => decodeRleFrame(new Uint8Array(64), wide), rleError(0));
  const bits3 = desc({ samplesPerPixel: 3, bitsAllocated: 1, bitsStored: 1, highBit: 0 });
  assert.throws(() => encodeRleFrame(new Uint8Array(3), bits3), rleError(0));
});

const layoutArbitrary: fc.Arbitrary<ImageDescription> = fc.record({
  bitsAllocated: fc.constantFrom(1, 8, 16, 32, 64),
  samplesPerPixel: fc.constantFrom(1, 2, 3, 4),
  planarConfiguration: fc.constantFrom(0 as const, 1 as const),
  pixelRepresentation: fc.constantFrom(0 as const, 1 as const),
  rows: fc.integer({ min: 1, max: 12 }),
  columns: fc.integer({ min: 1, max: 150 }),
}).map((r) => {
  const spp = r.bitsAllocated === 1
    ? 1
    : Math.min(r.samplesPerPixel, Math.floor(15 / (r.bitsAllocated / 8)));
  return {
    ...r,
    samplesPerPixel: spp,
    bitsStored: r.bitsAllocated,
    highBit: r.bitsAllocated - 1,
    numberOfFrames: 1,
    photometricInterpretation: spp === 3 ? "RGB" : "MONOCHROME2",
  };
});

function nativeLength(d: ImageDescription): number {
  const pixels = d.rows * d.columns;
  return d.bitsAllocated === 1
    ? Math.ceil(pixels / 8)
    : pixels * d.samplesPerPixel * d.bitsAllocated / 8;
}

/** Bytes with long runs as well as noise, `length` long. */
function bytesOf(length: number): fc.Arbitrary<Uint8Array> {
  const runs = fc.array(
    fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 255 })),
    {
      minLength: 1,
      maxLength: 20,
    },
  ).map((pieces) => {
    const out = new Uint8Array(length);
    for (let i = 0, p = 0; i < length; p++) {
      const [n, v] = pieces[p % pieces.length];
      out.fill(v, i, Math.min(length, i + n));
      i += n;
    }
    return out;
  });
  const noise = fc.uint8Array({ minLength: length, maxLength: length });
  const small = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: length, maxLength: length })
    .map((a) => Uint8Array.from(a));
  return fc.oneof(runs, noise, small);
}

const imageArbitrary = layoutArbitrary.chain((d) =>
  bytesOf(nativeLength(d)).map((native) => ({ d, native }))
);

Deno.test("encodeRleFrame then decodeRleFrame gives the bytes back for every layout", () => {
  fc.assert(
    fc.property(imageArbitrary, ({ d, native }) => {
      const encoded = encodeRleFrame(native, d);
      const view = new DataView(encoded.buffer);
      const count = view.getUint32(0, true);
      const offsets = Array.from({ length: count }, (_, i) => view.getUint32(4 + 4 * i, true));
      offsets.push(encoded.length);
      for (let i = 0; i < count; i++) assert.equal((offsets[i + 1] - offsets[i]) % 2, 0);
      const planarConfiguration = d.bitsAllocated === 1 ? 0 : d.planarConfiguration;
      assert.deepEqual(decodeRleFrame(encoded, d, { planarConfiguration }), native);
    }),
    { numRuns: 300 },
  );
});

Deno.test("decodeRleFrame gives colour-by-pixel bytes from colour-by-plane input by default", () => {
  fc.assert(
    fc.property(imageArbitrary, ({ d, native }) => {
      fc.pre(d.bitsAllocated > 1 && d.samplesPerPixel > 1 && d.planarConfiguration === 1);
      const decoded = decodeRleFrame(encodeRleFrame(native, d), d);
      const pixels = d.rows * d.columns, spp = d.samplesPerPixel, bps = d.bitsAllocated / 8;
      for (let p = 0; p < pixels; p++) {
        for (let s = 0; s < spp; s++) {
          for (let b = 0; b < bps; b++) {
            assert.equal(decoded[(p * spp + s) * bps + b], native[(s * pixels + p) * bps + b]);
          }
        }
      }
    }),
  );
});

function decodesOrThrowsRleError(frame: Uint8Array, d: ImageDescription, lenient: boolean): void {
  try {
    const out = decodeRleFrame(frame, d, { lenient });
    assert.equal(out.length, nativeLength(d));
  } catch (e) {
    if (!(e instanceof RleError)) throw e;
    assert.ok(e.offset >= 0 && e.offset <= frame.length);
  }
}

Deno.test("decodeRleFrame on random bytes returns a frame or throws RleError", () => {
  fc.assert(
    fc.property(
      layoutArbitrary,
      fc.uint8Array({ maxLength: 300 }),
      fc.integer({ min: 1, max: 15 }),
      fc.boolean(),
      (d, body, count, lenient) => {
        decodesOrThrowsRleError(body, d, lenient);
        // The same bytes behind a plausible header, so segments are decoded too.
        const frame = new Uint8Array(64 + body.length);
        const view = new DataView(frame.buffer);
        view.setUint32(0, count, true);
        for (let i = 0; i < count; i++) {
          view.setUint32(4 + 4 * i, 64 + Math.floor((i * body.length) / count), true);
        }
        frame.set(body, 64);
        decodesOrThrowsRleError(frame, d, lenient);
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("decodeRleFrame on mutated frames returns a frame or throws RleError", () => {
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant("set" as const),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(), value: fc.constant(0) }),
    fc.record({
      kind: fc.constant("append" as const),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    }),
  );
  fc.assert(
    fc.property(
      imageArbitrary,
      fc.array(mutation, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      ({ d, native }, mutations, lenient) => {
        let frame = encodeRleFrame(native, d);
        for (const m of mutations) {
          if (m.kind === "set") frame[m.at % frame.length] = m.value;
          else if (m.kind === "truncate") frame = frame.slice(0, m.at % (frame.length + 1));
          else frame = Uint8Array.from([...frame, m.value]);
          if (frame.length === 0) break;
        }
        decodesOrThrowsRleError(frame, d, lenient);
      },
    ),
    { numRuns: 300 },
  );
});
