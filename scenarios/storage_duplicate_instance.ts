/**
 * The same SOP Instance stored twice: PS3.4 B.2.3 defines no status for a duplicate, and the
 * SCP's conformance statement says what it does (overwrite, keep, or warn). Either way the
 * second C-STORE must not fail the association, and its status is Success or a Warning
 * (e.g. 0xB006 Elements Discarded); a Failure would make an SCU that retries loop.
 * @module
 */
import { CT_IMAGE_STORAGE, ctSeries, defineScenario, IMPLICIT_VR_LITTLE_ENDIAN } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "storage-duplicate-instance",
  description: "A second C-STORE of the same instance gets Success or a Warning (PS3.4 B.2.3)",
  steps: async (ctx) => {
    const seed = ctx.mode === "memory" ? "duplicate" : `duplicate-${crypto.randomUUID()}`;
    const file = ctSeries({ slices: 1, matrix: 16, seed }).file(0);
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-DUP",
        contexts: [{
          abstractSyntax: CT_IMAGE_STORAGE,
          transferSyntaxes: [IMPLICIT_VR_LITTLE_ENDIAN.uid],
        }],
      })).expectAccepted());
    await ctx.step("first C-STORE", async () => (await a.store([file])).expectStatuses("Success"));
    await ctx.step("second C-STORE of the same instance", async () => {
      const again = await a.store([file]);
      ctx.capture("duplicate status", again.results[0].status?.toString(16) ?? "none");
      ctx.expect(
        again.results[0].outcome !== "failure",
        `Success or Warning (got ${again.results[0].message ?? again.results[0].outcome})`,
      );
    });
    await ctx.step("release", () => a.release());
  },
});
