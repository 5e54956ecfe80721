/**
 * Query/Retrieve SCP C-GET: a stored CT series is retrieved with C-GET on the same association;
 * the requestor proposes CT Image Storage with SCP/SCU Role Selection (SCU-role 0, SCP-role 1,
 * PS3.7 D.3.3.4) so that the SCP may send the C-STORE sub-operations to it (PS3.4 C.4.3.3), and
 * the final C-GET-RSP counts every instance as completed (PS3.4 C.4.3.1.6).
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from "../sim.ts";

/** Study Root Query/Retrieve Information Model - GET (PS3.4 C.6.2.1.3). */
const STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
const SLICES = 3;

/** The scenario. */
export default defineScenario({
  name: "c-get-stored-instances",
  description: "C-GET brings every stored instance as C-STORE sub-operations (PS3.4 C.4.3)",
  steps: async (ctx) => {
    // Fresh UIDs against a real target (no duplicates), deterministic on the in-process mock.
    const seed = ctx.mode === "memory" ? "c-get" : `c-get-${crypto.randomUUID()}`;
    const series = ctSeries({ slices: SLICES, matrix: 16, seed });
    const syntaxes = [EXPLICIT_VR_LITTLE_ENDIAN.uid, IMPLICIT_VR_LITTLE_ENDIAN.uid];
    await ctx.step(`C-STORE ${SLICES} slices`, async () => {
      const a = (await ctx.associate({
        callingAeTitle: "SIM-CT",
        contexts: [{ abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: syntaxes }],
      })).expectAccepted();
      (await a.store(Array.from({ length: SLICES }, (_, i) => series.file(i))))
        .expectStatuses("Success");
      await a.release();
    });
    const a = await ctx.step(
      "associate for C-GET with the CT storage SCP role",
      async () =>
        (await ctx.associate({
          callingAeTitle: "SIM-GET",
          contexts: [
            { abstractSyntax: STUDY_ROOT_GET },
            {
              abstractSyntax: CT_IMAGE_STORAGE,
              transferSyntaxes: syntaxes,
              roles: { scu: false, scp: true },
            },
          ],
        })).expectAccepted().expectContextAccepted(STUDY_ROOT_GET).expectContextAccepted(
          CT_IMAGE_STORAGE,
        ),
    );
    await ctx.step("C-GET the series", async () => {
      const got = await a.get([
        `StudyInstanceUID=${series.studyInstanceUid}`,
        `SeriesInstanceUID=${series.seriesInstanceUid}`,
      ], { level: "SERIES" });
      got.expectStatus("Success").expectReceived(SLICES);
      ctx.expect(got.received.has(series.sopInstanceUid(0)), "The first slice arrived");
    });
    await ctx.step("release", () => a.release());
  },
});
