import assert from "node:assert/strict";
import { COMMANDS, runCli } from "./main.ts";

Deno.test("every listed command loads, with the name and summary the list shows", async () => {
  for (const entry of COMMANDS) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.equal(command.summary, entry.summary, entry.name);
    assert.ok(command.help.length > 0);
  }
});

Deno.test("--help lists every command; an unknown one exits 2", async () => {
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  assert.equal(await runCli(["--help"], io), 0);
  for (const entry of COMMANDS) assert.match(out[0], new RegExp(`^  ${entry.name} `, "m"));
  assert.equal(await runCli(["nope"], io), 2);
});
