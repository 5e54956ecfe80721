/**
 * A P-DATA-TF whose PDV names a presentation context ID that was never proposed (7, where only 1
 * was) cannot be delivered (PS3.8 9.3.5.1: the ID must be one of the accepted contexts); the
 * acceptor aborts the association. The mock PACS sends A-ABORT 2/6 (service-provider,
 * invalid-PDU-parameter-value, PS3.8 9.3.8); DCMTK 3.6.7 sends A-ABORT 0/0. The standard names no
 * reason for this case, so any A-ABORT (or a close) is accepted.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-p-data-invalid-context-id-aborted",
  description: "A PDV on an unknown presentation context ID is aborted (PS3.8 9.3.5.1)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("associate with context 1", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      }));
      await raw.expectPdu("A-ASSOCIATE-AC");
    });
    await ctx.step("C-ECHO-RQ on context 7", async () => {
      await raw.sendCommand({
        type: "C-ECHO-RQ",
        messageId: 1,
        affectedSopClassUid: VERIFICATION_SOP_CLASS,
        hasDataSet: false,
      }, 7);
    });
    await ctx.step("A-ABORT (or a close)", async () => {
      const abort = await raw.expectAbortOrClose();
      ctx.capture("abort", abort === undefined ? "closed" : `${abort.source}/${abort.reason}`);
    });
    raw.end();
  },
});
