import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type EncapsulatedPixelData,
  encapsulateFrames,
  frameBytes,
  frameFragments,
  readEncapsulatedPixelData,
  writeEncapsulatedPixelData,
} from "./encapsulation.ts";
import { EncapsulationError, PixelDataError } from "./errors.ts";

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  return Uint8Array.from(
    { length: clean.length / 2 },
    (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16),
  );
}

function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v, true));
  return out;
}

function u64(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  values.forEach((v, i) => new DataView(out.buffer).setBigUint64(i * 8, BigInt(v), true));
  return out;
}

function encapsulationError(frameIndex?: number): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof EncapsulationError, String(e));
    assert.ok(e instanceof PixelDataError && e instanceof RangeError);
    if (frameIndex !== undefined) assert.equal(e.frameIndex, frameIndex, e.message);
    assert.match(e.message, /^Cannot [a-z]+ [a-z ]+: /);
    return true;
  };
}

// PS3.5 Table A.4-2 style: two frames, the first in two fragments.
const TWO_FRAMES = hex(`
  fe ff 00 e0  08 00 00 00  00 00 00 00  16 00 00 00
  fe ff 00 e0  04 00 00 00  ff d8 ff e0
  fe ff 00 e0  02 00 00 00  ff d9
  fe ff 00 e0  04 00 00 00  ff d8 ff d9
  fe ff dd e0  00 00 00 00
`);

Deno.test("readEncapsulatedPixelData reads the offset table and fragments as views", () => {
  const result = readEncapsulatedPixelData(TWO_FRAMES);
  assert.ok(result !== undefined);
  assert.equal(result.end, TWO_FRAMES.length);
  const { basicOffsetTable, fragments } = result.pixelData;
  assert.deepEqual([...basicOffsetTable], [...u32(0, 22)]);
  assert.deepEqual(fragments.map((f) => [...f]), [[0xff, 0xd8, 0xff, 0xe0], [0xff, 0xd9], [
    0xff,
    0xd8,
    0xff,
    0xd9,
  ]]);
  assert.equal(fragments[0].buffer, TWO_FRAMES.buffer);
  assert.deepEqual(writeEncapsulatedPixelData(result.pixelData), TWO_FRAMES);
});

Deno.test("readEncapsulatedPixelData starts at the offset given and stops at the delimiter", () => {
  const bytes = new Uint8Array(3 + TWO_FRAMES.length + 5);
  bytes.set(TWO_FRAMES, 3);
  const result = readEncapsulatedPixelData(bytes, { offset: 3 });
  assert.equal(result?.end, 3 + TWO_FRAMES.length);
  assert.equal(result?.pixelData.fragments.length, 3);
});

Deno.test("readEncapsulatedPixelData returns undefined when the bytes end early", () => {
  for (let n = 0; n < TWO_FRAMES.length; n++) {
    assert.equal(readEncapsulatedPixelData(TWO_FRAMES.subarray(0, n)), undefined, `length ${n}`);
  }
});

Deno.test("readEncapsulatedPixelData rejects other tags and undefined-length items", () => {
  const wrong = TWO_FRAMES.slice();
  wrong[16 + 2] = 0x01; // (FFFE,E001)
  assert.throws(
    () => readEncapsulatedPixelData(wrong),
    (e) =>
      encapsulationError()(e) && (e as EncapsulationError).offset === 16 &&
      /found \(FFFE,E001\)/.test((e as Error).message),
  );
  const undefinedLength = TWO_FRAMES.slice();
  undefinedLength.set([0xff, 0xff, 0xff, 0xff], 20);
  assert.throws(() => readEncapsulatedPixelData(undefinedLength), encapsulationError());
  assert.throws(
    () => readEncapsulatedPixelData(hex("fe ff dd e0 00 00 00 00")),
    encapsulationError(),
  );
});

Deno.test("frameFragments follows the Basic Offset Table", () => {
  const e = readEncapsulatedPixelData(TWO_FRAMES)!.pixelData;
  const frames = frameFragments(e, 2);
  assert.equal(frames.length, 2);
  assert.deepEqual(frames[0], e.fragments.slice(0, 2));
  assert.deepEqual(frames[1], [e.fragments[2]]);
  assert.deepEqual(frameBytes(e, 2).map((f) => [...f]), [[0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9], [
    0xff,
    0xd8,
    0xff,
    0xd9,
  ]]);
  assert.equal(frameBytes(e, 2)[1], e.fragments[2]);
});

Deno.test("frameFragments rejects Basic Offset Tables that do not match the fragments", () => {
  const fragments = [new Uint8Array(4), new Uint8Array(2), new Uint8Array(4)];
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(0, 22), fragments }, 3),
    encapsulationError(),
  );
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(0, 20), fragments }, 2),
    encapsulationError(1),
  );
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(0, 0), fragments }, 2),
    encapsulationError(1),
  );
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(22, 0), fragments }, 2),
    encapsulationError(1),
  );
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(0, 22), fragments: [] }, 2),
    encapsulationError(),
  );
  assert.throws(
    () => frameFragments({ basicOffsetTable: u32(0, 22), fragments }, 0),
    encapsulationError(),
  );
});

Deno.test("frameFragments prefers the Extended Offset Table and cuts frames to its lengths", () => {
  const fragments = [hex("01 02 03 00"), hex("04 05")];
  const e: EncapsulatedPixelData = { basicOffsetTable: u32(0, 4), fragments };
  const extendedOffsetTable = u64(0, 12);
  assert.deepEqual(frameFragments(e, 2, { extendedOffsetTable }), [[fragments[0]], [fragments[1]]]);
  const cut = frameBytes(e, 2, { extendedOffsetTable, extendedOffsetTableLengths: u64(3, 2) });
  assert.deepEqual(cut.map((f) => [...f]), [[1, 2, 3], [4, 5]]);
  assert.throws(
    () => frameFragments(e, 2, { extendedOffsetTable, extendedOffsetTableLengths: u64(3, 4) }),
    encapsulationError(1),
  );
  assert.throws(
    () => frameFragments(e, 2, { extendedOffsetTable: u64(0, 11) }),
    encapsulationError(1),
  );
  assert.throws(() => frameFragments(e, 3, { extendedOffsetTable }), encapsulationError());
  const huge = u64(0, 0);
  huge[15] = 0x01;
  assert.throws(() => frameFragments(e, 2, { extendedOffsetTable: huge }), encapsulationError(1));
});

Deno.test("frameFragments without an offset table: one per frame, or all for one frame", () => {
  const fragments = [hex("01 02"), hex("03 04"), hex("05 06")];
  const e = { basicOffsetTable: new Uint8Array(0), fragments };
  assert.deepEqual(frameFragments(e, 3), fragments.map((f) => [f]));
  assert.deepEqual(frameFragments(e, 1), [fragments]);
  assert.deepEqual(frameBytes(e, 1).map((f) => [...f]), [[1, 2, 3, 4, 5, 6]]);
  assert.throws(() => frameFragments(e, 4), encapsulationError());
  assert.throws(() => frameFragments(e, 2), encapsulationError());
});

Deno.test("frameFragments splits JPEG fragments at EOI markers as pydicom does", () => {
  const fragments = [
    hex("ff d8 ff db 00 01"),
    hex("02 03 ff d9"),
    hex("ff d8 ff db"),
    hex("07 ff d9 00"),
  ];
  const frames = frameFragments({ basicOffsetTable: new Uint8Array(0), fragments }, 2);
  assert.deepEqual(frames, [fragments.slice(0, 2), fragments.slice(2)]);
});

Deno.test("frameFragments falls back to start markers when EOI markers do not split", () => {
  // J2K code streams (SOC+SIZ) whose EOC markers are missing, and a JP2 file.
  const fragments = [
    hex("ff 4f ff 51 00 00"),
    hex("01 02"),
    hex("00 00 00 0c 6a 50 20 20"),
    hex("03 04"),
    hex("ff d8 ff e0"),
  ];
  const frames = frameFragments({ basicOffsetTable: new Uint8Array(0), fragments }, 3);
  assert.deepEqual(frames, [fragments.slice(0, 2), fragments.slice(2, 4), fragments.slice(4)]);
});

Deno.test("encapsulateFrames pads odd frames and computes the Basic Offset Table", () => {
  const frames = [hex("01 02 03"), hex("04 05 06 07"), new Uint8Array(0)];
  const e = encapsulateFrames(frames);
  assert.deepEqual(e.fragments.map((f) => [...f]), [[1, 2, 3, 0], [4, 5, 6, 7], []]);
  assert.deepEqual(e.basicOffsetTable, u32(0, 12, 24));
  assert.equal(e.fragments[1].buffer, frames[1].buffer);
  assert.equal(e.extendedOffsetTable, undefined);
  assert.deepEqual(
    encapsulateFrames(frames, { basicOffsetTable: false }).basicOffsetTable,
    new Uint8Array(0),
  );
});

Deno.test("encapsulateFrames splits frames into fragments of at most maxFragmentLength", () => {
  const e = encapsulateFrames([Uint8Array.from({ length: 9 }, (_, i) => i), hex("aa")], {
    maxFragmentLength: 4,
  });
  assert.deepEqual(e.fragments.map((f) => [...f]), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 0], [0xaa, 0]]);
  assert.deepEqual(e.basicOffsetTable, u32(0, 12 + 12 + 10));
  for (const bad of [0, 3, -2, 1.5, 2 ** 32]) {
    assert.throws(() => encapsulateFrames([], { maxFragmentLength: bad }), encapsulationError());
  }
});

Deno.test("encapsulateFrames writes the Extended Offset Table with unpadded lengths", () => {
  const e = encapsulateFrames([hex("01 02 03"), hex("04 05")], { extendedOffsetTable: true });
  assert.deepEqual(e.basicOffsetTable, new Uint8Array(0));
  assert.deepEqual(e.extendedOffsetTable, u64(0, 12));
  assert.deepEqual(e.extendedOffsetTableLengths, u64(3, 2));
  assert.throws(
    () =>
      encapsulateFrames([new Uint8Array(6)], { extendedOffsetTable: true, maxFragmentLength: 4 }),
    encapsulationError(0),
  );
});

const framesArbitrary = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 6 });
const maxArbitrary = fc.option(fc.integer({ min: 1, max: 12 }).map((n) => n * 2), {
  nil: undefined,
});

Deno.test("encapsulated frames survive write, read and frameBytes", () => {
  fc.assert(
    fc.property(framesArbitrary, maxArbitrary, fc.boolean(), (frames, maxFragmentLength, basic) => {
      const e = encapsulateFrames(frames, { maxFragmentLength, basicOffsetTable: basic });
      for (const f of e.fragments) assert.equal(f.length % 2, 0);
      const bytes = writeEncapsulatedPixelData(e);
      const read = readEncapsulatedPixelData(bytes);
      assert.ok(read !== undefined);
      assert.equal(read.end, bytes.length);
      assert.deepEqual(writeEncapsulatedPixelData(read.pixelData), bytes);
      const one = frames.length === 1 || e.fragments.length === frames.length;
      if (!basic && !one) {
        // Marker-less data: no rule applies, unless random bytes happen to look like markers.
        try {
          assert.equal(frameBytes(read.pixelData, frames.length).length, frames.length);
        } catch (error) {
          assert.ok(error instanceof EncapsulationError);
        }
        return;
      }
      const got = frameBytes(read.pixelData, frames.length);
      got.forEach((g, i) => {
        const padded = Uint8Array.from([...frames[i], ...(frames[i].length % 2 ? [0] : [])]);
        assert.deepEqual(g, padded);
      });
    }),
    { numRuns: 300 },
  );
});

Deno.test("the Extended Offset Table gives frames back without padding", () => {
  fc.assert(
    fc.property(framesArbitrary, (frames) => {
      const e = encapsulateFrames(frames, { extendedOffsetTable: true });
      const got = frameBytes(e, frames.length, {
        extendedOffsetTable: e.extendedOffsetTable,
        extendedOffsetTableLengths: e.extendedOffsetTableLengths,
      });
      assert.deepEqual(got, frames);
    }),
  );
});

Deno.test("readEncapsulatedPixelData and frameFragments on random bytes never crash", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 120 }), fc.integer({ min: 1, max: 4 }), (tail, n) => {
      const bytes = Uint8Array.from([0xfe, 0xff, 0x00, 0xe0, ...tail]);
      try {
        const read = readEncapsulatedPixelData(bytes);
        if (read !== undefined) frameFragments(read.pixelData, n);
      } catch (e) {
        if (!(e instanceof EncapsulationError)) throw e;
      }
    }),
    { numRuns: 500 },
  );
});
