/**
 * C-MOVE to a Move Destination the SCP does not know: PS3.4 C.4.2.1.4 / Table C.4-2, status
 * 0xA801 "Refused: Move Destination unknown", with no sub-operations. A study is stored first,
 * so that there is something to move (an SCP may only look the destination up when it has).
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_MOVE,
} from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "qr-move-unknown-destination",
  description: "C-MOVE to an unknown AE title is refused with 0xA801 (PS3.4 C.4.2.1.4)",
  steps: async (ctx) => {
    const seed = ctx.mode === "memory" ? "unknown-dest" : `unknown-dest-${crypto.randomUUID()}`;
    const series = ctSeries({ slices: 1, matrix: 16, seed });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-QR",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_MOVE },
        ],
      })).expectAccepted().expectContextAccepted(STUDY_ROOT_MOVE));
    await ctx.step("C-STORE a study", async () => {
      (await a.store([series.file(0)])).expectStatuses("Success");
    });
    await ctx.step("C-MOVE to NO-SUCH-AE", async () => {
      const moved = await a.move([`StudyInstanceUID=${series.studyInstanceUid}`], {
        destination: "NO-SUCH-AE",
      });
      moved.expectStatus(0xa801).expectCompleted(0);
    });
    await ctx.step("release", () => a.release());
  },
});
