/**
 * A PDU of an unknown type (0x09) on an established association is Evt19 (unrecognized PDU):
 * PS3.8 Table 9-10, Sta6 with Evt19 gives AA-8, "send A-ABORT PDU (service-provider source)",
 * with reason 1, unrecognized-PDU (PS3.8 9.3.8 Table 9-26). The mock PACS answers A-ABORT 2/1.
 * DCMTK 3.6.7 deviates: it sends A-ABORT with source 0 (service-user) and reason 0; that is
 * accepted and reported here rather than hidden.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-unknown-pdu-type-aborted",
  description: "An unknown PDU type in Sta6 is answered A-ABORT (PS3.8 Table 9-10, AA-8)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("associate", async () => {
      await raw.send(raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      }));
      await raw.expectPdu("A-ASSOCIATE-AC");
    });
    await ctx.step("send a PDU of type 0x09", async () => {
      await raw.send({ type: "UNKNOWN", pduType: 0x09, body: new Uint8Array(4) });
    });
    await ctx.step("A-ABORT (2/1 per the standard, 0/0 from DCMTK)", async () => {
      const abort = await raw.expectPdu("A-ABORT");
      const standard = abort.source === 2 && abort.reason === 1;
      const dcmtk = abort.source === 0 && abort.reason === 0;
      ctx.capture("abort", `${abort.source}/${abort.reason}`);
      ctx.expect(standard || dcmtk, `A-ABORT 2/1 or 0/0 (got ${abort.source}/${abort.reason})`);
    });
    raw.end();
  },
});
