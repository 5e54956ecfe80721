/**
 * Presentation context negotiation reports why a context was not accepted (PS3.8 9.3.3.2
 * Table 9-18): an abstract syntax the acceptor does not support gets result 3
 * (abstract-syntax-not-supported), a supported one offered only in an unknown transfer syntax
 * gets result 4 (transfer-syntaxes-not-supported), and the others are still accepted (result 0).
 * The transfer syntax sub-item of a context not accepted is not significant: DCMTK 3.6.7 puts
 * Implicit VR Little Endian there, the mock PACS the proposed one.
 * @module
 */
import { defineScenario, IMPLICIT_VR_LITTLE_ENDIAN, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** Not a SOP class anyone supports. */
const UNKNOWN_SOP_CLASS = "1.2.826.0.1.3680043.10.1.999.1";

/** The scenario. */
export default defineScenario({
  name: "presentation-context-results",
  description: "Unsupported abstract syntax 3, unsupported transfer syntaxes 4 (PS3.8 9.3.3.2)",
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step(
      "propose Verification, an unknown SOP class, Verification in 1.2.3.4",
      async () => {
        await raw.send(raw.associateRq({
          callingAeTitle: "SIM-SCU",
          contexts: [
            {
              abstractSyntax: VERIFICATION_SOP_CLASS,
              transferSyntaxes: [IMPLICIT_VR_LITTLE_ENDIAN.uid],
            },
            {
              abstractSyntax: UNKNOWN_SOP_CLASS,
              transferSyntaxes: [IMPLICIT_VR_LITTLE_ENDIAN.uid],
            },
            { abstractSyntax: VERIFICATION_SOP_CLASS, transferSyntaxes: ["1.2.3.4"] },
          ],
        }));
      },
    );
    await ctx.step("results 0, 3 and 4 for contexts 1, 3 and 5", async () => {
      const ac = await raw.expectPdu("A-ASSOCIATE-AC");
      const results = ac.presentationContexts.map((pc) => `${pc.id}:${pc.result}`).join(" ");
      ctx.capture("results", results);
      ctx.expect(results === "1:0 3:3 5:4", `Results 1:0 3:3 5:4 (got ${results})`);
      const accepted = ac.presentationContexts[0];
      ctx.expect(
        accepted.transferSyntax === IMPLICIT_VR_LITTLE_ENDIAN.uid,
        "Context 1 is accepted in Implicit VR Little Endian",
      );
    });
    await ctx.step("release", async () => {
      await raw.send({ type: "A-RELEASE-RQ" });
      await raw.expectPdu("A-RELEASE-RP");
    });
    raw.end();
  },
});
