/**
 * An A-ASSOCIATE-RQ on an association already established is an unexpected PDU: PS3.8 Table
 * 9-10, Sta6 with Evt6 gives AA-8, A-ABORT from the service-provider (source 2) with reason 2,
 * unexpected-PDU (PS3.8 9.3.8 Table 9-26). The mock PACS and DCMTK 3.6.7 both send 2/2.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-second-associate-rq-aborted",
  description: "A-ASSOCIATE-RQ in Sta6 is answered A-ABORT 2/2 (PS3.8 Table 9-10, AA-8)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    const rq = raw.associateRq({
      callingAeTitle: "SIM-SCU",
      contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
    });
    await ctx.step("associate", async () => {
      await raw.send(rq);
      await raw.expectPdu("A-ASSOCIATE-AC");
    });
    await ctx.step("send the A-ASSOCIATE-RQ again", () => raw.send(rq));
    await ctx.step("A-ABORT 2/2 (unexpected-PDU)", async () => {
      const abort = await raw.expectPdu("A-ABORT");
      ctx.expect(
        abort.source === 2 && abort.reason === 2,
        `A-ABORT 2/2 (got ${abort.source}/${abort.reason})`,
      );
    });
    raw.end();
  },
});
