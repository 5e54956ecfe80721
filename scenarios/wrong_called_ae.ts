/**
 * An A-ASSOCIATE-RQ whose Called AE Title the target does not recognise is rejected: result 1
 * (rejected-permanent), source 1 (DICOM UL service-user), reason 7 (called-AE-title-not-recognized),
 * PS3.8 9.3.4 Table 9-21.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "wrong-called-ae-rejected",
  description: "An unknown Called AE Title is rejected 1/1/7 (PS3.8 9.3.4)",
  steps: async (ctx) => {
    await ctx.step("associate to an unknown called AE title", async () => {
      const a = await ctx.associate({
        callingAeTitle: "SIM-SCU",
        calledAeTitle: "NO-SUCH-AE",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      });
      a.expectRejected({ result: 1, source: 1, reason: 7 });
    });
  },
});
