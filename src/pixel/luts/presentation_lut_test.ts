import assert from "node:assert/strict";
import fc from "fast-check";
import { DataSet } from "../../core/dataset.ts";
import { applyPresentationShape, presentationShapeOf } from "./presentation_lut.ts";

Deno.test("presentation shape: MONOCHROME1 inverts unless a shape says IDENTITY", () => {
  const ds = new DataSet();
  ds.set("PhotometricInterpretation", "MONOCHROME1");
  assert.equal(presentationShapeOf(ds), "INVERSE");
  ds.set("PresentationLUTShape", "IDENTITY");
  assert.equal(presentationShapeOf(ds), "IDENTITY");
  ds.set("PhotometricInterpretation", "MONOCHROME2");
  ds.set("PresentationLUTShape", "INVERSE");
  assert.equal(presentationShapeOf(ds), "INVERSE");
  fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 255, noNaN: true })), (ys) => {
    const twice = applyPresentationShape(
      applyPresentationShape(Float64Array.from(ys), "INVERSE"),
      "INVERSE",
    );
    ys.forEach((y, i) => assert.ok(Math.abs(twice[i] - y) < 1e-9));
  }));
});
