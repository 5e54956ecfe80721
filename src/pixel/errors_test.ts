import assert from "node:assert/strict";
import { EncapsulationError, PixelDataError, RleError } from "./errors.ts";

Deno.test("PixelDataError is a RangeError carrying the frame index and offset", () => {
  const e = new PixelDataError("Pixel data too short: frame 2 needs bytes 8-12, have 10", {
    frameIndex: 2,
    offset: 10,
  });
  assert.ok(e instanceof RangeError);
  assert.equal(e.name, "PixelDataError");
  assert.equal(e.frameIndex, 2);
  assert.equal(e.offset, 10);
  assert.equal(e.message, "Pixel data too short: frame 2 needs bytes 8-12, have 10");
  assert.equal(new PixelDataError("Unsupported image description: rows 0").frameIndex, undefined);
});

Deno.test("RleError and EncapsulationError are PixelDataErrors with their own data", () => {
  const cause = new Error("inner");
  const r = new RleError("Cannot decode RLE: header needs 64 bytes, frame has 10", {
    offset: 0,
    segmentIndex: 3,
    cause,
  });
  assert.ok(r instanceof PixelDataError && r instanceof RangeError);
  assert.equal(r.name, "RleError");
  assert.equal(r.offset, 0);
  assert.equal(r.segmentIndex, 3);
  assert.equal(r.cause, cause);
  const e = new EncapsulationError("Cannot find frames: no fragments", { fragmentIndex: 1 });
  assert.ok(e instanceof PixelDataError);
  assert.equal(e.name, "EncapsulationError");
  assert.equal(e.fragmentIndex, 1);
  assert.equal(e.frameIndex, undefined);
});
