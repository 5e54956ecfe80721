/**
 * An A-ASSOCIATE-RQ with an Application Context Name other than the DICOM one
 * (1.2.840.10008.3.1.1.1, PS3.7 A.2.1) is rejected with source 1 (DICOM UL service-user) and
 * reason 2 (application-context-name-not-supported), PS3.8 9.3.4 Table 9-21. The standard does
 * not say whether permanently or transiently: the mock PACS answers result 1 (rejected-permanent),
 * DCMTK 3.6.7 result 2 (rejected-transient), so either is accepted.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-unknown-application-context-rejected",
  description: "An unknown application context name is rejected x/1/2 (PS3.8 9.3.4)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("send an A-ASSOCIATE-RQ with application context 1.2.3.4", async () => {
      const rq = raw.associateRq({
        callingAeTitle: "SIM-SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      });
      await raw.send({ ...rq, applicationContextName: "1.2.3.4" });
    });
    await ctx.step("A-ASSOCIATE-RJ source 1, reason 2", async () => {
      const rj = await raw.expectPdu("A-ASSOCIATE-RJ");
      ctx.expect(
        rj.source === 1 && rj.reason === 2,
        `Rejected by the service-user with reason 2 (got ${rj.result}/${rj.source}/${rj.reason})`,
      );
    });
    raw.end();
  },
});
