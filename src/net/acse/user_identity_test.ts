import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeUserIdentity,
  negotiateUserIdentity,
  type UserIdentity,
  userIdentityRequest,
} from "./user_identity.ts";

Deno.test("userIdentityRequest encodes each identity type (PS3.7 Table D.3-14)", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const bytes = Uint8Array.of(1, 2, 3);
  const cases: [UserIdentity, number, Uint8Array, Uint8Array][] = [
    [{ kind: "username", username: "alice" }, 1, enc("alice"), new Uint8Array()],
    [{ kind: "username-passcode", username: "ålice", passcode: "pw" }, 2, enc("ålice"), enc("pw")],
    [{ kind: "kerberos", ticket: bytes }, 3, bytes, new Uint8Array()],
    [{ kind: "saml", assertion: bytes }, 4, bytes, new Uint8Array()],
    [{ kind: "jwt", token: bytes }, 5, bytes, new Uint8Array()],
    [
      {
        kind: "unknown",
        userIdentityType: 9,
        primaryField: bytes,
        secondaryField: bytes,
      },
      9,
      bytes,
      bytes,
    ],
  ];
  for (const [identity, type, primary, secondary] of cases) {
    const item = userIdentityRequest(identity, { positiveResponseRequested: true });
    assert.equal(item.userIdentityType, type);
    assert.equal(item.positiveResponseRequested, 1);
    assert.deepEqual(item.primaryField, primary);
    assert.deepEqual(item.secondaryField, secondary);
    assert.deepEqual(decodeUserIdentity(item), identity);
  }
  assert.equal(
    userIdentityRequest({ kind: "username", username: "a" }).positiveResponseRequested,
    0,
  );
});

Deno.test("decodeUserIdentity round-trips usernames and passcodes", () => {
  fc.assert(fc.property(fc.string(), fc.string(), (username, passcode) => {
    const identity: UserIdentity = { kind: "username-passcode", username, passcode };
    // Lone surrogates do not survive UTF-8; compare what TextEncoder keeps.
    const norm = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));
    assert.deepEqual(decodeUserIdentity(userIdentityRequest(identity)), {
      kind: "username-passcode",
      username: norm(username),
      passcode: norm(passcode),
    });
  }));
});

Deno.test("negotiateUserIdentity: no item or no handler means no response", () => {
  const item = userIdentityRequest({ kind: "username", username: "a" }, {
    positiveResponseRequested: true,
  });
  assert.deepEqual(negotiateUserIdentity(undefined, "SCU", () => ({ accept: false })), {
    reject: false,
    serverResponse: undefined,
  });
  assert.deepEqual(negotiateUserIdentity(item, "SCU", undefined), {
    reject: false,
    serverResponse: undefined,
  });
});

Deno.test("negotiateUserIdentity rejects, accepts silently, or responds", () => {
  const ticket = Uint8Array.of(9, 9);
  const seen: unknown[] = [];
  const handler = (i: { identity: UserIdentity; callingAeTitle: string }) => {
    seen.push([i.identity.kind, i.callingAeTitle]);
    return { accept: i.identity.kind !== "username", serverResponse: ticket };
  };
  const plain = userIdentityRequest({ kind: "username", username: "x" }, {
    positiveResponseRequested: true,
  });
  assert.deepEqual(negotiateUserIdentity(plain, "SCU", handler).reject, true);
  const kerberosQuiet = userIdentityRequest({ kind: "kerberos", ticket });
  assert.deepEqual(negotiateUserIdentity(kerberosQuiet, "SCU", handler), {
    reject: false,
    serverResponse: undefined,
  });
  const kerberos = userIdentityRequest({ kind: "kerberos", ticket }, {
    positiveResponseRequested: true,
  });
  assert.deepEqual(negotiateUserIdentity(kerberos, "SCU", handler).serverResponse, ticket);
  // PS3.7 D.3.3.7.2: types 1 and 2 get a zero-length response.
  const pass = userIdentityRequest({ kind: "username-passcode", username: "u", passcode: "p" }, {
    positiveResponseRequested: true,
  });
  assert.deepEqual(negotiateUserIdentity(pass, "SCU", handler).serverResponse, new Uint8Array());
  assert.deepEqual(seen[0], ["username", "SCU"]);
});
