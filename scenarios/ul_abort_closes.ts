/**
 * An A-ABORT from the requestor on an established association ends it at once: PS3.8 Table 9-10,
 * Sta6 with Evt16 gives AA-3, "issue A-ABORT indication and close transport connection", so the
 * acceptor closes the connection without sending anything (PS3.8 7.3.1).
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-a-abort-closes-connection",
  description: "After our A-ABORT the acceptor closes the connection (PS3.8 Table 9-10, AA-3)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("associate", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      }));
      await raw.expectPdu("A-ASSOCIATE-AC");
    });
    await ctx.step("send A-ABORT 0/0", () => raw.send({ type: "A-ABORT", source: 0, reason: 0 }));
    await ctx.step("the acceptor closes the connection, sending nothing", async () => {
      await raw.expectClosed();
    });
  },
});
