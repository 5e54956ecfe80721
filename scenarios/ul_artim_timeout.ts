/**
 * A connection that never sends an A-ASSOCIATE-RQ is closed by the acceptor when its ARTIM
 * timer expires: PS3.8 9.1.4 and Table 9-10, Sta2 (transport connection open, awaiting
 * A-ASSOCIATE-RQ) with Evt18 (ARTIM timer expired) gives AA-2, "stop ARTIM, close transport
 * connection". The mock's timer is 30 s; on the in-memory transport the virtual clock makes the
 * wait take milliseconds. Mock-only: over TCP a real peer's timer would hold CI for its length.
 * @module
 */
import { defineScenario } from "../sim.ts";

/** The scenario. */
export default defineScenario({
  name: "ul-artim-timeout",
  description: "Nothing sent after connecting: the acceptor closes when ARTIM expires (AA-2)",
  mockOnly: true,
  steps: async (ctx) => {
    const raw = await ctx.raw();
    await ctx.step("still open after 29 s", async () => {
      await ctx.wait(29_000);
      ctx.expect(!raw.closed, "The connection is still open before the timer expires");
    });
    await ctx.step("closed, with nothing sent, once 30 s have passed", async () => {
      const { pdus } = await raw.expectClosed({ withinMs: 2_000 });
      ctx.expect(pdus.length === 0, "No PDU before the close");
    });
  },
});
