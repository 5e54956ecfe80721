/**
 * A command set split over several PDVs, one per P-DATA-TF PDU: PS3.8 9.3.5.1 and Annex E let a
 * message be fragmented at any byte into PDVs, each with the Message Control Header's "last
 * fragment" bit clear but on the last (E.2); the receiver reassembles them. A C-ECHO-RQ in
 * 6-byte fragments gets its C-ECHO-RSP (PS3.7 9.3.5). The fragments are of even length: DCMTK
 * 3.6.7 aborts (A-ABORT 0/0) on an odd-length PDV, taking all PDV lengths to be even.
 * @module
 */
import { commandPdu, defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-command-in-fragmented-pdvs",
  description: "A C-ECHO-RQ in 6-byte PDVs is reassembled and answered (PS3.8 Annex E)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("associate", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      }));
      await raw.expectPdu("A-ASSOCIATE-AC");
    });
    await ctx.step("C-ECHO-RQ as 6-byte PDVs in separate PDUs", async () => {
      const command = commandPdu({
        type: "C-ECHO-RQ",
        messageId: 1,
        affectedSopClassUid: VERIFICATION_SOP_CLASS,
        hasDataSet: false,
      }, 1).pdvs[0].data;
      for (let at = 0; at < command.length; at += 6) {
        await raw.send({
          type: "P-DATA-TF",
          pdvs: [{
            presentationContextId: 1,
            isCommand: true,
            isLast: at + 6 >= command.length,
            data: command.subarray(at, at + 6),
          }],
        });
      }
    });
    await ctx.step("C-ECHO-RSP, Success", async () => {
      const rsp = await raw.expectDimse();
      ctx.expect(rsp.message.type === "C-ECHO-RSP", `A C-ECHO-RSP (got ${rsp.message.type})`);
      ctx.expect(
        (rsp.message as { status: number }).status === 0,
        "Status 0x0000",
      );
    });
    await ctx.step("release", async () => {
      await raw.send({ type: "A-RELEASE-RQ" });
      await raw.expectPdu("A-RELEASE-RP");
    });
    await raw.close();
  },
});
