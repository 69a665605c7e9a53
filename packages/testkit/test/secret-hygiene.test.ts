import { describe, expect, test } from "vitest";
import {
  createSecretScanner,
  decodeJwtPayload,
  FakeNetworkModule,
  inSequence,
  startRedisServer,
} from "../src/index.js";

// testkit's own failure paths see request URLs, bodies and tokens; none may repeat them.
describe("secret hygiene of testkit's errors", () => {
  test("unmatched, exhausted and invalid-JWT errors never carry request secrets", async () => {
    const scanner = createSecretScanner();
    const code = scanner.plant("authorization-code");
    const clientSecret = scanner.plant("client-secret");
    const token = scanner.plant("token");
    using logs = scanner.captureLogs();
    const fake = new FakeNetworkModule().on("POST", "/token", inSequence({ body: {} }));
    const body = new URLSearchParams({ code, client_secret: clientSecret }).toString();
    const errors: unknown[] = [];
    errors.push(await fake.sendGetRequestAsync(`https://h/authorize?code=${code}`).catch((e) => e));
    await fake.sendPostRequestAsync("https://h/token", { body });
    errors.push(
      await fake
        .sendPostRequestAsync(`https://h/token?client_secret=${clientSecret}`, { body })
        .catch((e) => e),
    );
    errors.push(
      (() => {
        try {
          return decodeJwtPayload(`a.${Buffer.from(`{"x":"${token}`).toString("base64url")}.c`);
        } catch (error) {
          return error;
        }
      })(),
    );
    errors.push(
      await startRedisServer({ executable: `/nonexistent/${clientSecret}-dir/redis-server` }).catch(
        (e) => e,
      ),
    );
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    expect(errors.map((e) => (e as { code: string }).code)).toEqual([
      "unmatched_request",
      "responder_exhausted",
      "invalid_jwt",
      "service_start_failed",
    ]);
    scanner.assertClean(logs, ...errors);
  });
});
