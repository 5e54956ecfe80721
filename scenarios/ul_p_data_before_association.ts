/**
 * A P-DATA-TF PDU on a new connection, before any A-ASSOCIATE-RQ, is a PDU illegal in state
 * Sta2: PS3.8 Table 9-10, Sta2 with Evt10 gives AA-1, "send A-ABORT PDU (service-user source)
 * and start ARTIM" (the acceptor then closes when ARTIM expires or the requestor closes). Both the
 * mock PACS and DCMTK 3.6.7 send A-ABORT source 0; DCMTK then resets the connection at once.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-p-data-before-association-aborted",
  description: "P-DATA-TF in Sta2 is answered A-ABORT (PS3.8 Table 9-10, AA-1)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("send a C-ECHO-RQ before associating", async () => {
      await raw.sendCommand({
        type: "C-ECHO-RQ",
        messageId: 1,
        affectedSopClassUid: VERIFICATION_SOP_CLASS,
        hasDataSet: false,
      }, 1);
    });
    await ctx.step("A-ABORT from the service-user (AA-1)", async () => {
      const abort = await raw.expectPdu("A-ABORT");
      ctx.expect(abort.source === 0, `A-ABORT source 0 (got ${abort.source})`);
    });
    raw.end();
  },
});
