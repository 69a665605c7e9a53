import { describe, expect, it } from "vitest";
import { CodeRedemption } from "../src/code-redemption";

class Definitive extends Error {}
const isDefinitive = (error: unknown) => error instanceof Definitive;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("CodeRedemption", () => {
  it("sends the code once however many callers race, and only the first redeems", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    const sent: string[] = [];
    const gate = deferred<string>();
    const outcomes = Promise.all(
      Array.from({ length: 100 }, () =>
        redemption.redeemOnce((code) => {
          sent.push(code);
          return gate.promise;
        }),
      ),
    );
    gate.resolve("token");
    const results = await outcomes;
    expect(sent).toEqual(["the-code"]);
    expect(results.filter((r) => r.redeemedHere)).toHaveLength(1);
    expect(redemption.state.kind).toBe("spent");
  });

  it("never sends a spent code again", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    await redemption.redeemOnce(async () => "token");
    let sentAgain = false;
    const outcome = await redemption.redeemOnce(async () => {
      sentAgain = true;
      return "again";
    });
    expect(sentAgain).toBe(false);
    expect(outcome.redeemedHere).toBe(false);
  });

  it("a definitive refusal spends the code and is remembered", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    const refusal = new Definitive("invalid_grant");
    await expect(redemption.redeemOnce(async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(redemption.state).toEqual({ kind: "spent", refusal });
  });

  it("a transient failure leaves the code usable for a later call", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    const transient = new Error("ECONNRESET");
    await expect(redemption.redeemOnce(async () => Promise.reject(transient))).rejects.toBe(
      transient,
    );
    expect(redemption.state.kind).toBe("unused");
    const outcome = await redemption.redeemOnce(async (code) => `token-for-${code}`);
    expect(outcome).toEqual({ redeemedHere: true, value: "token-for-the-code" });
  });

  it("callers waiting on a failed redemption get its error, not a second send", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    const gate = deferred<string>();
    let sends = 0;
    const first = redemption.redeemOnce(() => {
      sends++;
      return gate.promise;
    });
    const second = redemption.redeemOnce(() => {
      sends++;
      return Promise.resolve("second");
    });
    const failure = new Error("503");
    gate.reject(failure);
    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    expect(sends).toBe(1);
  });

  it("without a code there is nothing to send", async () => {
    const redemption = new CodeRedemption<string>(undefined, isDefinitive);
    expect(redemption.state.kind).toBe("spent");
    const outcome = await redemption.redeemOnce(async () => "never");
    expect(outcome.redeemedHere).toBe(false);
  });

  it("spend() drops a code a resumed session already used", async () => {
    const redemption = new CodeRedemption<string>("the-code", isDefinitive);
    redemption.spend();
    let sent = false;
    await redemption.redeemOnce(async () => {
      sent = true;
      return "x";
    });
    expect(sent).toBe(false);
  });
});
