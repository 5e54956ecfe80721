/**
 * The upper layer runs over a byte stream (PS3.8 9.1.2): PDU boundaries are not segment
 * boundaries, so an A-ASSOCIATE-RQ delivered one byte per write is still accepted, and a C-ECHO-RQ
 * split inside its 6-byte PDU header and inside its PDV item header is answered Success
 * (PS3.7 9.3.5); the A-RELEASE-RQ is answered A-RELEASE-RP (PS3.8 7.2).
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-associate-rq-byte-at-a-time",
  description: "PDUs split at any byte are reassembled (PS3.8 9.1.2)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("send the A-ASSOCIATE-RQ one byte at a time", async () => {
      const rq = raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      });
      await raw.sendSplit(rq, 1, { gapMs: 1 });
      const ac = await raw.expectPdu("A-ASSOCIATE-AC");
      ctx.expect(ac.presentationContexts[0]?.result === 0, "The Verification context is accepted");
    });
    await ctx.step("C-ECHO split at bytes 3 and 9 is answered Success", async () => {
      await raw.sendCommand(
        {
          type: "C-ECHO-RQ",
          messageId: 7,
          affectedSopClassUid: VERIFICATION_SOP_CLASS,
          hasDataSet: false,
        },
        1,
        { split: [3, 6], gapMs: 1 },
      );
      const { message } = await raw.expectDimse();
      ctx.expect(
        message.type === "C-ECHO-RSP" && message.status === 0 &&
          message.messageIdBeingRespondedTo === 7,
        `C-ECHO-RSP 0x0000 to message 7 (got ${JSON.stringify(message)})`,
      );
    });
    await ctx.step("A-RELEASE-RQ is answered A-RELEASE-RP", async () => {
      await raw.send({ type: "A-RELEASE-RQ" });
      await raw.expectPdu("A-RELEASE-RP");
    });
    // PS3.8 Table 9-10, Sta7 Evt13 (AR-3): the requestor closes the transport connection.
    raw.end();
  },
});
