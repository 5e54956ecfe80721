/**
 * The DIMSE timeout of a requestor on the virtual clock: the mock PACS never answers C-ECHO-RQ
 * (a `no-response` fault); with a 30 s DIMSE timeout the C-ECHO fails with a DicomTimeoutError
 * once 30 s have passed, and the association is aborted (a late response could not be matched,
 * PS3.7 9.1.5 leaves the timeout to the implementation). In memory mode this takes milliseconds;
 * over TCP (real time) the timeout is 1 s instead. Mock only: it configures a fault.
 * @module
 */
import { defineScenario, VERIFICATION_SOP_CLASS } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "dimse-timeout-on-virtual-clock",
  description: "No C-ECHO-RSP within the 30 s DIMSE timeout fails the request (PS3.7 9.1.5)",
  mockOnly: true,
  nodes: { target: { faults: [{ type: "no-response", command: "C-ECHO-RQ" }] } },
  steps: async (ctx) => {
    const dimseMs = ctx.mode === "memory" ? 30_000 : 1_000;
    const a = await ctx.step(
      `associate with a ${dimseMs} ms DIMSE timeout`,
      async () =>
        (await ctx.associate({
          callingAeTitle: "SIM-SCU",
          contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
          timeouts: { dimseMs },
        })).expectAccepted(),
    );
    await ctx.step(`C-ECHO times out after ${dimseMs} ms`, async () => {
      const echo = a.echo();
      echo.catch(() => {}); // observed below, after the wait
      await ctx.wait(0); // let the C-ECHO-RQ go out (its timer starts then)
      await ctx.wait(dimseMs + 1);
      await ctx.expectRejects(echo, { name: "DicomTimeoutError" });
    });
  },
});
