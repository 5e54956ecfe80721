/**
 * Verification SCP: the target accepts an association proposing the Verification SOP Class in
 * Implicit VR Little Endian (the default transfer syntax every AE supports, PS3.5 10.1) and
 * answers C-ECHO-RQ with Success (PS3.4 A.4, PS3.7 9.3.5).
 * @module
 */
import { defineScenario, IMPLICIT_VR_LITTLE_ENDIAN, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "verification",
  description: "C-ECHO on an accepted Verification context answers Success (PS3.4 A.4)",
  steps: async (ctx) => {
    const a = await ctx.step("associate", async () => {
      const a = await ctx.associate({
        callingAeTitle: "SIM-SCU",
        contexts: [{
          abstractSyntax: VERIFICATION_SOP_CLASS,
          transferSyntaxes: [IMPLICIT_VR_LITTLE_ENDIAN.uid],
        }],
      });
      a.expectAccepted().expectContextAccepted(
        VERIFICATION_SOP_CLASS,
        IMPLICIT_VR_LITTLE_ENDIAN.uid,
      );
      return a;
    });
    await ctx.step("C-ECHO", async () => (await a.echo()).expectStatus(0x0000));
    await ctx.step("release", () => a.release());
  },
});
