import { describe, expect, it } from "vitest";
import { type CodeFate, CodeRedemption } from "../src/code-redemption";

/** An error that says what it did to the code. */
class Failure extends Error {
  constructor(readonly fate: CodeFate) {
    super(fate);
  }
}
const fateOf = (error: unknown): CodeFate =>
  error instanceof Failure ? error.fate : "not_received";

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
    const redemption = new CodeRedemption<string>("the-code", fateOf);
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
    expect(redemption.state).toEqual({ kind: "spent", reason: "answered" });
  });

  it("never sends a spent code again", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    await redemption.redeemOnce(async () => "token");
    let sentAgain = false;
    const outcome = await redemption.redeemOnce(async () => {
      sentAgain = true;
      return "again";
    });
    expect(sentAgain).toBe(false);
    expect(outcome.redeemedHere).toBe(false);
  });

  it("an answer from the authority (a refusal) spends the code and is remembered", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    const refusal = new Failure("answered");
    await expect(redemption.redeemOnce(async () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(redemption.state).toEqual({ kind: "spent", reason: "answered", refusal });
  });

  it("an abort after the code may have reached the authority spends it", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    const aborted = new Failure("abandoned");
    await expect(redemption.redeemOnce(async () => Promise.reject(aborted))).rejects.toBe(aborted);
    expect(redemption.state).toMatchObject({ kind: "spent", reason: "abandoned" });
  });

  it("a failure that never reached the authority leaves the code usable for a later call", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    const transient = new Failure("not_received");
    await expect(redemption.redeemOnce(async () => Promise.reject(transient))).rejects.toBe(
      transient,
    );
    expect(redemption.state).toEqual({ kind: "unused", mayHaveBeenReceived: false });
    const outcome = await redemption.redeemOnce(async (code) => `token-for-${code}`);
    expect(outcome).toEqual({ redeemedHere: true, value: "token-for-the-code" });
  });

  it("a failure that may have reached the authority is resent, and the next send knows it", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    await expect(
      redemption.redeemOnce(async () => Promise.reject(new Failure("maybe_received"))),
    ).rejects.toBeInstanceOf(Failure);
    // A later failure that surely did not reach the authority does not erase what is known.
    await expect(
      redemption.redeemOnce(async () => Promise.reject(new Failure("not_received"))),
    ).rejects.toBeInstanceOf(Failure);
    const seen: boolean[] = [];
    await redemption.redeemOnce(async (_code, context) => {
      seen.push(context.mayHaveBeenReceived);
      return "token";
    });
    expect(seen).toEqual([true]);
  });

  it("callers waiting on a failed redemption get its error, not a second send", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
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
    const failure = new Failure("not_received");
    gate.reject(failure);
    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    expect(sends).toBe(1);
  });

  it("without a code there is nothing to send", async () => {
    const redemption = new CodeRedemption<string>(undefined, fateOf);
    expect(redemption.state).toEqual({ kind: "spent", reason: "not_needed" });
    const outcome = await redemption.redeemOnce(async () => "never");
    expect(outcome.redeemedHere).toBe(false);
  });

  it("spend() drops a code a resumed session already used", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    redemption.spend("not_needed");
    let sent = false;
    await redemption.redeemOnce(async () => {
      sent = true;
      return "x";
    });
    expect(sent).toBe(false);
  });

  it("settled() waits for the redemption in flight and never rejects", async () => {
    const redemption = new CodeRedemption<string>("the-code", fateOf);
    const gate = deferred<string>();
    const flight = redemption.redeemOnce(() => gate.promise).catch(() => undefined);
    let settled = false;
    const waiting = redemption.settled().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    gate.reject(new Failure("answered"));
    await waiting;
    await flight;
    expect(settled).toBe(true);
  });
});
