import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicom } from "../codec/read_file.ts";
import { decodeFrame, decodeFrameWithInfo } from "../pixel/decode_frame.ts";
import { decodeCommand } from "./decode_command.ts";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url).pathname;
const hasDcmtk = spawnSync("dcmdjpeg", ["--version"], { stdio: "ignore" }).status === 0;

function quietIo() {
  const err: string[] = [];
  return { io: { out: () => {}, err: (t: string) => void err.push(t) }, err };
}

async function decodeTo(input: string, dir: string, extra: string[] = []) {
  const out = join(dir, "out.dcm");
  const { io, err } = quietIo();
  const rc = await decodeCommand.run([input, out, ...extra], io);
  return { rc, out, err };
}

Deno.test({
  name: "decode writes Explicit VR Little Endian with the pixels, colour and elements of dcmdjpeg",
  ignore: !existsSync(FIXTURES),
  fn: async () => {
    const dir = mkdtempSync(join(tmpdir(), "dicomsim-decode-"));
    try {
      for (
        const name of [
          "pydicom-v3.0.2/test_files/SC_rgb_dcmtk_+eb+cy+np.dcm",
          "pydicom-data/JLSL_RGB_ILV0.dcm",
        ]
      ) {
        const input = FIXTURES + name;
        const { rc, out, err } = await decodeTo(input, dir);
        assert.equal(rc, 0, err.join("\n"));
        const src = readDicom(readFileSync(input), { lenient: true });
        const got = readDicom(readFileSync(out));
        assert.equal(got.transferSyntaxUid, "1.2.840.10008.1.2.1");
        assert.equal(got.dataSet.getString("PhotometricInterpretation"), "RGB");
        assert.equal(got.dataSet.getNumber("PlanarConfiguration"), 0);
        assert.equal(
          got.dataSet.getString("SOPInstanceUID"),
          src.dataSet.getString("SOPInstanceUID"),
        );
        assert.deepEqual(
          await decodeFrame(got.dataSet, got.transferSyntaxUid),
          (await decodeFrameWithInfo(src.dataSet, src.transferSyntaxUid)).pixels,
        );
        if (!hasDcmtk) continue;
        const tool = name.includes("JLSL") ? "dcmdjpls" : "dcmdjpeg";
        const ref = join(dir, "ref.dcm");
        assert.equal(spawnSync(tool, [input, ref]).status, 0);
        const r = readDicom(readFileSync(ref), { lenient: true });
        assert.equal(r.dataSet.getString("PhotometricInterpretation"), "RGB");
        assert.deepEqual(
          [...await decodeFrame(got.dataSet, got.transferSyntaxUid)],
          [...await decodeFrame(r.dataSet, r.transferSyntaxUid)],
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

Deno.test({
  name: "decode --frame writes one frame; a frame it cannot decode exits 1 naming it",
  ignore: !existsSync(FIXTURES),
  fn: async () => {
    const dir = mkdtempSync(join(tmpdir(), "dicomsim-decode-"));
    try {
      const multi = await decodeTo(FIXTURES + "pydicom-data/emri_small_jpeg_2k_lossless.dcm", dir, [
        "--frame",
        "7",
      ]);
      assert.equal(multi.rc, 0);
      const got = readDicom(readFileSync(multi.out));
      assert.equal(got.dataSet.getNumber("NumberOfFrames"), 1);
      assert.equal((await decodeFrame(got.dataSet, got.transferSyntaxUid)).length, 4096);
      // A JPEG 2000 codestream OpenJPEG refuses (its SIZ holds FFFE,E0DD bytes).
      const broken = await decodeTo(
        FIXTURES + "pydicom-v3.0.2/test_files/JPEG2000-embedded-sequence-delimiter.dcm",
        dir,
      );
      assert.equal(broken.rc, 1);
      assert.match(broken.err.join("\n"), /frame 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
