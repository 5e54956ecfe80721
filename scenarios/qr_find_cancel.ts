/**
 * C-CANCEL of a C-FIND in progress (PS3.7 9.3.2.3, PS3.4 C.4.1.2.3): the SCP stops sending
 * matches and ends with the final status 0xFE00 "Matching terminated due to Cancel request".
 * The mock is made slow (50 ms before each response) so that the cancel arrives while matches
 * are still being sent; mock-only, since a real SCP may finish before the cancel arrives (then
 * 0x0000 is right too).
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_FIND,
} from "../sim.ts";

const SLICES = 10;

/** The scenario. */
export default defineScenario({
  name: "qr-find-cancel",
  description: "A C-CANCEL during a C-FIND ends it with 0xFE00 (PS3.7 9.3.2.3)",
  mockOnly: true,
  nodes: { target: { faults: [{ type: "delay", command: "C-FIND-RQ", ms: 50 }] } },
  steps: async (ctx) => {
    const series = ctSeries({ slices: SLICES, matrix: 16, seed: "cancel" });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-QR",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_FIND },
        ],
      })).expectAccepted());
    await ctx.step(`C-STORE ${SLICES} images`, async () => {
      (await a.store(Array.from({ length: SLICES }, (_, i) => series.file(i))))
        .expectStatuses("Success");
    });
    await ctx.step("C-FIND the images, C-CANCEL after 2 matches: 0xFE00", async () => {
      const found = await a.find([
        `StudyInstanceUID=${series.studyInstanceUid}`,
        "SOPInstanceUID",
      ], { level: "IMAGE", cancelAfter: 2 });
      found.expectStatus(0xfe00);
      ctx.expect(
        found.matches.length < SLICES,
        `Fewer than ${SLICES} matches after the cancel (got ${found.matches.length})`,
      );
    });
    await ctx.step("release", () => a.release());
  },
});
