/**
 * Test kit: a trace of a real in-memory association (an A-ASSOCIATE-RQ with enough contexts
 * to span several TCP segments, two C-ECHOs, a release), recorded on the requestor side.
 * @module
 */
import { acceptAssociation } from "../net/association/accept_association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { answerEcho } from "../services/verification.ts";
import { JsonlTrace } from "./jsonl_trace.ts";
import { parseTrace, type TraceRecord } from "./trace_summary.ts";

/**
 * Records an echo association and returns its trace records.
 * @example
 * ```ts
 * import { recordEchoTrace } from "./_recorded_echo.ts";
 * (await recordEchoTrace()).length > 0; // true
 * ```
 */
export async function recordEchoTrace(): Promise<TraceRecord[]> {
  const lines: string[] = [];
  const trace = new JsonlTrace((line) => lines.push(line));
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, {
    aeTitle: "SCP",
    supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
    onRequest: (request, assoc) => answerEcho(request, assoc).then(() => {}),
  });
  const contexts = [{ abstractSyntax: "1.2.840.10008.1.1" }];
  for (let i = 1; i <= 30; i++) {
    contexts.push({ abstractSyntax: `1.2.840.10008.5.1.4.1.1.${i}` });
  }
  const scu = await requestAssociation({
    transport: a,
    callingAeTitle: "SCU",
    calledAeTitle: "SCP",
    contexts,
    onEvent: (event, assoc) =>
      trace.record(assoc.transport.id, event, {
        local: assoc.transport.localAddress,
        remote: assoc.transport.remoteAddress,
      }),
  });
  await accepted;
  await scu.echo();
  await scu.echo();
  await scu.release();
  return parseTrace(lines.join(""));
}
