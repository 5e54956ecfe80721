/**
 * A connection reset (TCP RST) in the middle of an A-ASSOCIATE-RQ, and a close (FIN) in the
 * middle of another, leave the acceptor serving: PS3.8 Table 9-10, Sta2 with Evt17 (transport
 * connection closed) gives AA-5, back to Sta1, and a later association is accepted and answers
 * C-ECHO (PS3.7 9.3.5). After the half-close, the acceptor closes its side too.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-reset-and-close-mid-pdu-survived",
  description: "A reset or FIN inside a PDU leaves the acceptor serving (PS3.8 Table 9-10, AA-5)",
  steps: async (ctx) => {
    const contexts = [{ abstractSyntax: VERIFICATION_SOP_CLASS }];
    await ctx.step("half an A-ASSOCIATE-RQ, then a reset", async () => {
      const raw = await ctx.raw();
      await raw.sendPrefix(raw.associateRq({ callingAeTitle: "SIM-SCU", contexts }), 30);
      raw.reset();
    });
    await ctx.step("half an A-ASSOCIATE-RQ, then FIN: the acceptor closes too", async () => {
      const raw = await ctx.raw();
      await raw.sendPrefix(raw.associateRq({ callingAeTitle: "SIM-SCU", contexts }), 30);
      raw.end();
      await raw.expectClosed();
    });
    await ctx.step("a new association answers C-ECHO", async () => {
      const a = (await ctx.associate({ callingAeTitle: "SIM-SCU", contexts })).expectAccepted();
      (await a.echo()).expectStatus("Success");
      await a.release();
    });
  },
});
