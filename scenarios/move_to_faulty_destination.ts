/**
 * C-MOVE to a destination that refuses one instance: the move SCP reports the sub-operation
 * that failed. PS3.4 C.4.2.1.5: when some sub-operations fail, the final C-MOVE-RSP is the
 * warning 0xB000 "Sub-operations Complete - One or more Failures" with the counts of completed
 * and failed sub-operations (and the Failed SOP Instance UID List). The destination is a
 * simulated PACS whose second C-STORE answers 0xA700, the fault the runner injects. Mock only:
 * the mock PACS learns the simulated destination's address.
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_MOVE,
} from "../sim.ts";

const SLICES = 3;

/** The scenario. */
export default defineScenario({
  name: "move-to-faulty-destination",
  description: "One refused sub-operation makes the C-MOVE end 0xB000 with 1 failed (PS3.4 C.4.2)",
  mockOnly: true,
  steps: async (ctx) => {
    const destination = await ctx.startPacs({
      aeTitle: "FAULTY-DEST",
      faults: [{ type: "status", command: "C-STORE-RQ", nth: 2, status: 0xa700 }],
    });
    const series = ctSeries({ slices: SLICES, matrix: 16, seed: "faulty-move" });
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-QR",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_MOVE },
        ],
      })).expectAccepted());
    await ctx.step("C-STORE the study", async () => {
      const files = Array.from({ length: SLICES }, (_, i) => series.file(i));
      (await a.store(files)).expectStatuses("Success");
    });
    await ctx.step("C-MOVE it: 0xB000, 2 completed, 1 failed", async () => {
      const moved = await a.move([`StudyInstanceUID=${series.studyInstanceUid}`], {
        destination: destination.config.aeTitle,
      });
      moved.expectStatus(0xb000).expectCompleted(SLICES - 1);
      ctx.expect(moved.failed === 1, `One failed sub-operation (got ${moved.failed})`);
    });
    await ctx.step("the destination kept the two it accepted", () => {
      ctx.expect(
        destination.index.size === SLICES - 1,
        `Two stored (got ${destination.index.size})`,
      );
    });
    await ctx.step("release", () => a.release());
  },
});
