import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeCompressedFrame, encodeFrame } from "../decode_frame.ts";
import { PixelDataError } from "../errors.ts";
import type { ImageDescription } from "../image_description.ts";
import { CodecUnavailableError, FrameDecodeError, FrameEncodeError } from "./codec_errors.ts";
import {
  decodableTransferSyntaxes,
  decoderFor,
  encodableTransferSyntaxes,
} from "./codec_registry.ts";

const JPEG_LS = "1.2.840.10008.1.2.4.80";
const JPEG_LS_NEAR = "1.2.840.10008.1.2.4.81";
const J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
const RLE = "1.2.840.10008.1.2.5";
const DEFLATED = "1.2.840.10008.1.2.8.1";

function image(over: Partial<ImageDescription>): ImageDescription {
  return {
    rows: 4,
    columns: 4,
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

/** A small random image and its native little-endian bytes. */
const smallImage = fc
  .record({
    rows: fc.integer({ min: 1, max: 12 }),
    columns: fc.integer({ min: 1, max: 12 }),
    colour: fc.boolean(),
    bits: fc.constantFrom(8, 12, 16),
    signed: fc.boolean(),
    seed: fc.integer(),
  })
  .map(({ rows, columns, colour, bits, signed, seed }) => {
    const spp = colour ? 3 : 1;
    const d = image({
      rows,
      columns,
      samplesPerPixel: spp,
      bitsAllocated: bits > 8 ? 16 : 8,
      bitsStored: bits,
      highBit: bits - 1,
      pixelRepresentation: colour ? 0 : signed ? 1 : 0,
      photometricInterpretation: colour ? "RGB" : "MONOCHROME2",
    });
    const n = rows * columns * spp;
    const native = new Uint8Array(n * (d.bitsAllocated / 8));
    let x = seed | 1;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) | 0;
      const v = (x >>> 8) & ((1 << bits) - 1);
      if (d.bitsAllocated === 8) native[i] = v;
      else {
        // Signed samples sign-extended into 16 bits, as writers store them.
        const s = d.pixelRepresentation === 1 && v >= 1 << (bits - 1) ? v - (1 << bits) : v;
        native[2 * i] = s & 0xff;
        native[2 * i + 1] = (s >> 8) & 0xff;
      }
    }
    return { d, native };
  });

function masked(bytes: Uint8Array, d: ImageDescription): number[] {
  if (d.bitsAllocated === 8) return [...bytes];
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) {
    out.push((bytes[i] | (bytes[i + 1] << 8)) & ((1 << d.bitsStored) - 1));
  }
  return out;
}

for (const uid of [JPEG_LS, J2K_LOSSLESS, RLE, DEFLATED]) {
  Deno.test(`encodeFrame then decodeCompressedFrame is lossless for ${uid}`, async () => {
    await fc.assert(
      fc.asyncProperty(smallImage, async ({ d, native }) => {
        const j2kRefuses = d.bitsAllocated === 8
          ? d.pixelRepresentation === 1
          : d.samplesPerPixel > 1;
        if (uid === J2K_LOSSLESS && j2kRefuses) {
          await assert.rejects(encodeFrame(native, d, uid), FrameEncodeError);
          return;
        }
        const e = await encodeFrame(native, d, uid);
        const back = await decodeCompressedFrame(e.bytes, {
          ...d,
          photometricInterpretation: e.photometricInterpretation,
        }, uid);
        assert.deepEqual(masked(back.bytes, d), masked(native, d));
      }),
      { numRuns: 25 },
    );
  });
}

Deno.test("JPEG-LS near-lossless stays within NEAR of the input", async () => {
  await fc.assert(
    fc.asyncProperty(smallImage, async ({ d, native }) => {
      const unsigned = { ...d, pixelRepresentation: 0 as const };
      const e = await encodeFrame(native, unsigned, JPEG_LS_NEAR, { nearLossless: 3 });
      const back = await decodeCompressedFrame(e.bytes, unsigned, JPEG_LS_NEAR);
      const a = masked(back.bytes, unsigned);
      const b = masked(native, unsigned);
      assert.ok(a.every((v, i) => Math.abs(v - b[i]) <= 3));
    }),
    { numRuns: 15 },
  );
});

Deno.test("colour JPEG 2000 lossless is encoded with the reversible colour transform", async () => {
  const d = image({ rows: 3, columns: 5, samplesPerPixel: 3, photometricInterpretation: "RGB" });
  const native = Uint8Array.from({ length: 45 }, (_, i) => (i * 29) & 0xff);
  const e = await encodeFrame(native, d, J2K_LOSSLESS);
  assert.equal(e.photometricInterpretation, "YBR_RCT");
  const back = await decodeCompressedFrame(
    e.bytes,
    { ...d, photometricInterpretation: "YBR_RCT" },
    J2K_LOSSLESS,
  );
  assert.equal(back.photometricInterpretation, "RGB");
  assert.deepEqual(back.bytes, native);
});

Deno.test("the registry decodes every compressed syntax of the fixtures", () => {
  for (
    const suffix of [
      "4.50",
      "4.51",
      "4.57",
      "4.70",
      "4.80",
      "4.81",
      "4.90",
      "4.91",
      "4.201",
      "4.203",
      "5",
      "8.1",
    ]
  ) {
    assert.ok(decoderFor(`1.2.840.10008.1.2.${suffix}`), suffix);
  }
  assert.ok(decodableTransferSyntaxes().length >= 12);
  assert.deepEqual(
    encodableTransferSyntaxes().sort(),
    [J2K_LOSSLESS, "1.2.840.10008.1.2.4.91", JPEG_LS, JPEG_LS_NEAR, RLE, DEFLATED].sort(),
  );
});

Deno.test("a syntax without a codec gives a CodecUnavailableError naming the frame", async () => {
  await assert.rejects(
    decodeCompressedFrame(new Uint8Array(8), image({}), "1.2.840.10008.1.2.4.100", 3),
    (e: unknown) => e instanceof CodecUnavailableError && e.frameIndex === 3,
  );
  await assert.rejects(
    encodeFrame(new Uint8Array(16), image({}), "1.2.840.10008.1.2.4.50"),
    CodecUnavailableError,
  );
});

Deno.test("a codestream for another image size is a FrameDecodeError", async () => {
  const d = image({});
  const e = await encodeFrame(new Uint8Array(16), d, JPEG_LS);
  await assert.rejects(
    decodeCompressedFrame(e.bytes, image({ rows: 5 }), JPEG_LS, 1),
    (err: unknown) =>
      err instanceof FrameDecodeError && err.frameIndex === 1 && /5/.test(err.reason),
  );
});

Deno.test("codecs still decode after a corrupt frame", async () => {
  const d = image({ rows: 16, columns: 16, bitsAllocated: 16, bitsStored: 12, highBit: 11 });
  const native = Uint8Array.from({ length: 512 }, (_, i) => (i % 2 ? (i >> 4) & 0x0f : i & 0xff));
  for (const uid of [JPEG_LS, J2K_LOSSLESS]) {
    const good = (await encodeFrame(native, d, uid)).bytes;
    const bad = good.slice();
    bad.fill(0xff, 40, Math.min(bad.length, 140));
    await decodeCompressedFrame(bad, d, uid).catch((e) => assert.ok(e instanceof FrameDecodeError));
    assert.deepEqual(
      masked((await decodeCompressedFrame(good, d, uid)).bytes, d),
      masked(native, d),
    );
  }
});

Deno.test("fuzz: mutated codestreams decode or reject with a PixelDataError", async () => {
  const d = image({ rows: 8, columns: 8, samplesPerPixel: 3, photometricInterpretation: "RGB" });
  const native = Uint8Array.from({ length: 192 }, (_, i) => (i * 7) & 0xff);
  const streams: [string, Uint8Array][] = [];
  for (const uid of [JPEG_LS, J2K_LOSSLESS, RLE, DEFLATED]) {
    streams.push([uid, (await encodeFrame(native, d, uid)).bytes]);
  }
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: streams.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.option(fc.nat(), { nil: undefined }),
      async (which, edits, cut) => {
        const [uid, good] = streams[which];
        let bytes = good.slice();
        for (const [at, v] of edits) bytes[at % bytes.length] = v;
        if (cut !== undefined) bytes = bytes.subarray(0, cut % bytes.length);
        const one = { ...d, photometricInterpretation: uid === J2K_LOSSLESS ? "YBR_RCT" : "RGB" };
        try {
          const r = await decodeCompressedFrame(bytes, one, uid, 0);
          assert.ok(r.bytes.length >= 192);
        } catch (e) {
          assert.ok(e instanceof PixelDataError, `${uid}: ${e}`);
        }
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("12-bit DCT JPEG (process 4) decodes through DCMTK's IJG build", async () => {
  const { readFileSync } = await import("node:fs");
  const { readDicom } = await import("../../codec/read_file.ts");
  const { decodeFrame } = await import("../decode_frame.ts");
  const file = readDicom(
    readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/JPGExtended.dcm"),
  );
  const pixels = await decodeFrame(file.dataSet, file.transferSyntaxUid);
  assert.equal(pixels.length, 1024 * 256);
  // What dcmdjpeg and GDCM give: values 1..264 (tests/pixel_codecs_fixtures_test.ts compares all).
  assert.deepEqual([...pixels.slice(0, 4)], [1, 1, 1, 1]);
  let max = 0;
  for (const v of pixels) max = Math.max(max, Number(v));
  assert.equal(max, 264);
});
