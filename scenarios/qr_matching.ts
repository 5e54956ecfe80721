/**
 * Query/Retrieve SCP matching (PS3.4 C.2.2.2): three studies stored, then Study Root C-FIND at
 * STUDY level with single value matching (C.2.2.2.1), wildcard matching with "*" and "?"
 * (C.2.2.2.4), range matching on dates, closed and open-ended (C.2.2.2.5), and List of UID
 * matching (C.2.2.2.2); each query combines keys, which must all match (C.2.2.2 "the
 * conjunction of the matches"). Against a real target the patients get names unique to the run.
 * @module
 */
import {
  CT_IMAGE_STORAGE,
  ctSeries,
  defineScenario,
  EXPLICIT_VR_LITTLE_ENDIAN,
  STUDY_ROOT_FIND,
} from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "qr-matching-rules",
  description: "Single value, wildcard, date range and UID list matching (PS3.4 C.2.2.2)",
  steps: async (ctx) => {
    const tag = ctx.mode === "memory"
      ? "QRM"
      : `QR${crypto.randomUUID().slice(0, 6).toUpperCase()}`;
    const studies = [
      { patientName: `${tag}^JOHN`, patientId: `${tag}1`, studyDate: "20260105" },
      { patientName: `${tag}^JANE`, patientId: `${tag}2`, studyDate: "20260210" },
      { patientName: `${tag}X^RICHARD`, patientId: `${tag}3`, studyDate: "20260120" },
    ].map((d, i) => ctSeries({ slices: 1, matrix: 16, seed: `${tag}-${i}`, studyIndex: i, ...d }));
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SIM-QR",
        contexts: [
          { abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LITTLE_ENDIAN.uid] },
          { abstractSyntax: STUDY_ROOT_FIND },
        ],
      })).expectAccepted());
    await ctx.step("C-STORE three studies", async () => {
      (await a.store(studies.map((s) => s.file(0)))).expectStatuses("Success");
    });
    const count = async (name: string, keys: string[], expected: number) => {
      await ctx.step(name, async () => {
        const returnKey = keys.some((k) => k.startsWith("StudyInstanceUID=")) ? [] : [
          "StudyInstanceUID",
        ];
        (await a.find([...keys, ...returnKey], { level: "STUDY" }))
          .expectStatus("Success").expectMatches(expected);
      });
    };
    // C.2.2.2.1 single value; C.2.2.2.4 "*" any sequence, "?" one character.
    await count("single value: PatientID", [`PatientID=${tag}2`], 1);
    await count("wildcard *: PatientName", [`PatientName=${tag}^*`], 2);
    await count("wildcard ?: PatientName", [`PatientName=${tag}^JA?E`], 1);
    await count("wildcard * across components", [`PatientName=${tag}*`], 3);
    // C.2.2.2.5 date range: closed, then open-ended; combined with the run's patients.
    await count("date range 20260101-20260131", [
      `PatientName=${tag}*`,
      "StudyDate=20260101-20260131",
    ], 2);
    await count("open range 20260201-", [`PatientName=${tag}*`, "StudyDate=20260201-"], 1);
    await count("open range -20260110", [`PatientName=${tag}*`, "StudyDate=-20260110"], 1);
    // C.2.2.2.2 List of UID matching.
    await count("UID list", [
      `StudyInstanceUID=${studies[0].studyInstanceUid}\\${studies[2].studyInstanceUid}`,
    ], 2);
    await count("no match", [`PatientID=${tag}9`], 0);
    await ctx.step("release", () => a.release());
  },
});
