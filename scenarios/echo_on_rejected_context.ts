/**
 * A C-ECHO-RQ sent on a presentation context the acceptor rejected (result 3) cannot be served:
 * only accepted contexts carry data (PS3.8 9.3.5.1, PS3.7 7.1.1.13 / 9.3.5). The acceptor aborts
 * the association; the mock PACS sends A-ABORT 2/6 (invalid-PDU-parameter-value), DCMTK 3.6.7
 * A-ABORT 0/0. Any A-ABORT (or a close) is accepted; a C-ECHO-RSP is not.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** Not a SOP class anyone supports. */
const UNKNOWN_SOP_CLASS = "1.2.826.0.1.3680043.10.1.999.1";

/** The scenario. */
export default defineScenario({
  name: "c-echo-on-rejected-context-aborted",
  description: "C-ECHO on a rejected presentation context is aborted (PS3.8 9.3.5.1)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("associate: context 1 Verification, context 3 rejected", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [
          { abstractSyntax: VERIFICATION_SOP_CLASS },
          { abstractSyntax: UNKNOWN_SOP_CLASS },
        ],
      }));
      const ac = await raw.expectPdu("A-ASSOCIATE-AC");
      ctx.expect(ac.presentationContexts[1]?.result === 3, "Context 3 is rejected with result 3");
    });
    await ctx.step("C-ECHO-RQ on context 3", async () => {
      await raw.sendCommand({
        type: "C-ECHO-RQ",
        messageId: 1,
        affectedSopClassUid: VERIFICATION_SOP_CLASS,
        hasDataSet: false,
      }, 3);
    });
    await ctx.step("A-ABORT (or a close), no C-ECHO-RSP", async () => {
      const abort = await raw.expectAbortOrClose();
      ctx.capture("abort", abort === undefined ? "closed" : `${abort.source}/${abort.reason}`);
    });
    raw.end();
  },
});
