/**
 * A P-DATA-TF longer than the Maximum Length the acceptor announced in its A-ASSOCIATE-AC
 * (PS3.8 D.1: the requestor shall not send longer ones) is not accepted: the acceptor aborts
 * (PS3.8 9.3.8; the mock PACS sends A-ABORT 2/6, invalid-PDU-parameter-value; DCMTK 3.6.7 sends
 * A-ABORT 0/0, then 2/2, then resets). Either A-ABORT, or a close, is accepted.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-p-data-over-max-length-aborted",
  description: "A P-DATA-TF over the announced maximum length is aborted (PS3.8 D.1)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    const max = await ctx.step("associate", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      }));
      const ac = await raw.expectPdu("A-ASSOCIATE-AC");
      const max = ac.userInformation?.maximumLength ?? 0;
      ctx.expect(max > 0, "The acceptor announces a maximum length");
      return ctx.capture("maximumLength", max);
    });
    await ctx.step("send a P-DATA-TF of maximum length + 1024 bytes", async () => {
      const data = new Uint8Array(max + 1024 - 6);
      // One data set PDV (not last) on context 1: the length alone is wrong.
      await raw.send({
        type: "P-DATA-TF",
        pdvs: [{ presentationContextId: 1, isCommand: false, isLast: false, data }],
      });
    });
    await ctx.step("A-ABORT (or a close)", async () => {
      const abort = await raw.expectAbortOrClose();
      ctx.capture("abort", abort === undefined ? "closed" : `${abort.source}/${abort.reason}`);
    });
    raw.end();
  },
});
