/**
 * A storage SCP answering a failure status: the mock PACS is configured to answer the 2nd
 * C-STORE-RQ with 0xA700 (Refused: Out of Resources, PS3.4 B.2.3); the first and third succeed,
 * and the refused instance is not stored (a C-FIND finds two). Mock only: it configures a fault.
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_FIND,
} from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "second-store-fails-a700",
  description: "The 2nd C-STORE answered 0xA700 is reported and not stored (PS3.4 B.2.3)",
  mockOnly: true,
  nodes: {
    target: {
      faults: [{ type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 }],
    },
  },
  steps: async (ctx) => {
    const series = ctSeries({ slices: 3, matrix: 16, seed: "a700" });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-CT",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_FIND },
        ],
      })).expectAccepted());
    await ctx.step("C-STORE 3 slices, the 2nd refused", async () => {
      const files = [0, 1, 2].map((i) => series.file(i));
      (await a.store(files)).expectStatuses([0x0000, 0xa700, 0x0000]);
    });
    await ctx.step("only 2 were stored", async () => {
      (await a.find([
        `StudyInstanceUID=${series.studyInstanceUid}`,
        `SeriesInstanceUID=${series.seriesInstanceUid}`,
        "SOPInstanceUID",
      ], { level: "IMAGE" })).expectStatus("Success").expectMatches(2);
    });
    await ctx.step("release", () => a.release());
  },
});
