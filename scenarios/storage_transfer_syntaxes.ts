/**
 * Storage SCP and the uncompressed transfer syntaxes (PS3.5 10.1, A.1-A.5): every SCP must accept
 * Implicit VR Little Endian, the default transfer syntax (PS3.5 10.1); Explicit VR Little Endian,
 * Explicit VR Big Endian (retired) and Deflated Explicit VR Little Endian are optional. Each is
 * proposed alone, on an association of its own; where the SCP accepts it, a C-STORE in it
 * succeeds (PS3.4 B.2.3).
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from "../sim.ts";

const SYNTAXES = [
  IMPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
];

/** The scenario. */
export default defineScenario({
  name: "storage-uncompressed-transfer-syntaxes",
  description: "Implicit VR LE is accepted; every accepted uncompressed syntax stores (PS3.5 10.1)",
  steps: async (ctx) => {
    const seed = ctx.mode === "memory" ? "syntaxes" : `syntaxes-${crypto.randomUUID()}`;
    const series = ctSeries({ slices: SYNTAXES.length, matrix: 16, seed });
    for (const [i, ts] of SYNTAXES.entries()) {
      const a = await ctx.step(`associate with ${ts.name} only`, async () => {
        const a = (await ctx.associate({
          callingAeTitle: "SIM-TS",
          contexts: [{ abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [ts.uid] }],
        })).expectAccepted();
        // PS3.5 10.1: the default transfer syntax must be supported.
        if (ts === IMPLICIT_VR_LITTLE_ENDIAN) a.expectContextAccepted(CT_IMAGE_STORAGE, ts.uid);
        return a;
      });
      const accepted = a.association.negotiated.contexts.some((c) => c.transferSyntax === ts.uid);
      ctx.capture(ts.name, accepted ? "accepted" : "rejected");
      if (accepted) {
        await ctx.step(`C-STORE in ${ts.name}`, async () => {
          (await a.store([series.file(i)])).expectStatuses("Success");
        });
      }
      await ctx.step(`release (${ts.name})`, () => a.release());
    }
  },
});
