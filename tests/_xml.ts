/**
 * Test kit: a small XML well-formedness check for the JUnit reports (balanced elements, quoted
 * attributes, escaped text, one root).
 * @module
 */
import assert from "node:assert/strict";

/** Checks that `xml` is well-formed (balanced elements, quoted attributes, escaped text). */
export function assertWellFormed(xml: string): void {
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, "");
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  let roots = 0;
  for (let m = token.exec(body); m !== null; m = token.exec(body)) {
    at = token.lastIndex;
    const [, close, name, , selfClose, text] = m;
    if (text !== undefined) {
      assert.doesNotMatch(text.replace(/&(amp|lt|gt|quot|apos);/g, ""), /[&>]/, "unescaped text");
      if (stack.length === 0) assert.match(text, /^\s*$/, "text outside the root");
      continue;
    }
    if (close) {
      assert.equal(stack.pop(), name, `mismatched </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name);
    }
  }
  assert.equal(at, body.length, `not well-formed at ${at}: ${body.slice(at, at + 40)}`);
  assert.deepEqual(stack, []);
  assert.equal(roots, 1);
}
