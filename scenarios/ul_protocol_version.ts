/**
 * An A-ASSOCIATE-RQ whose Protocol-version field (PS3.8 9.3.2, bytes 7-8) does not have bit 0
 * (version 1) set is rejected: A-ASSOCIATE-RJ result 1 (rejected-permanent), source 2 (DICOM UL
 * service-provider, ACSE related function), reason 2 (protocol-version-not-supported), PS3.8
 * 9.3.4 Table 9-21. DCMTK 3.6.7 answers exactly that.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-protocol-version-rejected",
  description: "Protocol version 2 only is rejected 1/2/2 (PS3.8 9.3.2, 9.3.4)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("send an A-ASSOCIATE-RQ for protocol version 2 only", async () => {
      const rq = raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      });
      await raw.send({ ...rq, protocolVersion: 0b10 });
    });
    await ctx.step("A-ASSOCIATE-RJ 1/2/2", async () => {
      const rj = await raw.expectPdu("A-ASSOCIATE-RJ");
      ctx.expect(
        rj.result === 1 && rj.source === 2 && rj.reason === 2,
        `Rejected 1/2/2 (got ${rj.result}/${rj.source}/${rj.reason})`,
      );
    });
    // PS3.8 Table 9-10, Sta5 Evt4 (AE-4): the requestor closes the transport connection.
    raw.end();
  },
});
