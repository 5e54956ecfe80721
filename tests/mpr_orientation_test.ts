/**
 * The MPR of a generated CT series is the right way up (radiological convention): the phantom's
 * anatomy (ct_phantom.ts: spine posterior at y = +62 mm, liver on the patient's right at
 * x = -55 mm, lungs in the chest above z = -30 mm) lands where it must in each panel.
 */
import assert from "node:assert/strict";
import { decodeFrame } from "../src/pixel/decode_frame.ts";
import { renderMpr } from "../src/pixel/render.ts";
import type { SliceImage } from "../src/pixel/reslice.ts";
import { resampleToSquare, reslice } from "../src/pixel/reslice.ts";
import { assembleVolume, type SliceInput, type Volume } from "../src/pixel/volume.ts";
import { ctSeries } from "../src/sim/modality/ct_series.ts";

const HU_LIVER = 60;
const HU_LUNG = -860;

async function ctVolume(): Promise<Volume> {
  // 128 x 128 at 3.125 mm, 60 slices of 5 mm: z from +147.5 (head) to -147.5 (feet), no noise
  const series = ctSeries({ slices: 60, matrix: 128, sliceThickness: 5, noise: 0, seed: 3 });
  const inputs: SliceInput[] = [];
  for (let i = 0; i < series.count; i++) {
    const ds = series.slice(i);
    inputs.push({
      dataSet: ds,
      pixels: await decodeFrame(ds, "1.2.840.10008.1.2.1"),
      label: `${i}`,
    });
  }
  // shuffle: the volume must not depend on the input order
  const shuffled = inputs.map((s, i) => ({ s, key: (i * 37) % 61 })).sort((a, b) => a.key - b.key)
    .map((x) => x.s);
  return assembleVolume(shuffled);
}

/** Pixels of `image` whose value passes `test`, as [x, y] in the image. */
function where(image: SliceImage, test: (v: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (test(image.data[y * image.width + x])) out.push([x, y]);
    }
  }
  return out;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

const volume = await ctVolume();

Deno.test("the generated CT stacks head to feet into 60 slices of 5 mm", () => {
  assert.equal(volume.slices, 60);
  assert.deepEqual(volume.spacing, [3.125, 3.125, 5]);
  assert.deepEqual(volume.warnings, []);
  assert.deepEqual(volume.normal.map((v) => v + 0), [0, 0, 1]); // slice 0 is the most inferior
  assert.equal(volume.dataSets[0].getNumber("ImagePositionPatient", 2), -147.5);
});

Deno.test("MPR panels have square pixels and the physical aspect ratio", () => {
  const { panels } = renderMpr(volume, { preset: "soft" });
  assert.deepEqual(panels.map((p) => [p.plane, p.width, p.height]), [
    ["axial", 128, 128],
    ["coronal", 128, 96], // 60 slices x 5 mm / 3.125 mm
    ["sagittal", 128, 96],
  ]);
});

Deno.test("axial: spine posterior (image bottom), liver on the patient's right (image left)", () => {
  // z = -52.5 mm (a vertebra, not a disc; the liver at its widest); index counts from the feet
  const axial = reslice(volume, "axial", { index: 19 });
  assert.equal(volume.dataSets[19].getNumber("ImagePositionPatient", 2), -52.5);
  const c = axial.width / 2;
  const spine = where(axial, (v) => v >= 650).filter(([x]) => Math.abs(x - c) < 4);
  assert.ok(spine.length > 10);
  assert.ok(spine.every(([, y]) => y > axial.height / 2), "spine bone must be in the lower half");
  const liver = where(axial, (v) => v === HU_LIVER);
  assert.ok(liver.length > 500);
  const leftOfImage = liver.filter(([x]) => x < c).length;
  // the liver (centre x = -55 mm, semi-axis 95 mm) reaches 40 mm past the midline
  assert.ok(
    leftOfImage / liver.length > 0.8,
    `liver on image left: ${leftOfImage}/${liver.length}`,
  );
});

Deno.test("coronal: lungs at the top (superior), liver on the image left and below them", () => {
  const coronal = resampleToSquare(reslice(volume, "coronal"));
  const lungs = where(coronal, (v) => v === HU_LUNG);
  const liver = where(coronal, (v) => v === HU_LIVER);
  assert.ok(lungs.length > 200 && liver.length > 200);
  const lungY = mean(lungs.map(([, y]) => y)), liverY = mean(liver.map(([, y]) => y));
  assert.ok(lungY < coronal.height / 2, `lungs in the upper half (mean row ${lungY})`);
  assert.ok(liverY > lungY, "liver below the lungs");
  assert.ok(mean(liver.map(([x]) => x)) < coronal.width / 2, "liver on the image left");
});

Deno.test("sagittal: the spine is a vertical column on the image right (posterior)", () => {
  const sagittal = reslice(volume, "sagittal"); // 3.125 mm wide, 5 mm high pixels
  // vertebral cortex and canal ring (750, 700 HU), not the table (250) or the sternum (450)
  const bone = where(sagittal, (v) => v >= 650);
  assert.ok(bone.length > 100, `${bone.length} bone pixels`);
  const xs = bone.map(([x]) => x), ys = bone.map(([, y]) => y);
  assert.ok(Math.min(...xs) > sagittal.width / 2, "all spine bone in the posterior (right) half");
  const xSpan = Math.max(...xs) - Math.min(...xs), ySpan = Math.max(...ys) - Math.min(...ys);
  assert.ok(ySpan > 0.9 * sagittal.height, `spine spans head to feet: ${ySpan}/${sagittal.height}`);
  assert.ok(xSpan < 0.3 * sagittal.width, `spine narrow front to back: ${xSpan}`);
  // the sternum (450 HU) is anterior: on the image left
  const sternum = where(sagittal, (v) => v === 450);
  assert.ok(sternum.length > 0 && sternum.every(([x]) => x < sagittal.width / 2));
});
