/**
 * Keeps an authorization code single-use. Entra accepts a code once; a second send is
 * answered with AADSTS54005 and, worse, can make Entra revoke the tokens the first send got.
 * This owns only the code's state, not how a redemption is performed.
 */

/** Why a code is spent. */
export type SpentReason =
  /** The authority answered a redemption (with tokens, or a refusal such as invalid_grant). */
  | "answered"
  /** A redemption was aborted after the code may have reached the authority. */
  | "abandoned"
  /** A resumed session redeemed it in an earlier run, or no code was given. */
  | "not_needed";

/** Where the code stands. */
export type CodeState =
  | {
      readonly kind: "unused";
      /** An earlier redemption failed without an answer after the code may have reached the authority. */
      readonly mayHaveBeenReceived: boolean;
    }
  | { readonly kind: "redeeming" }
  | { readonly kind: "spent"; readonly reason: SpentReason; readonly refusal?: unknown };

/** What a failed redemption did to the code, as the credential judges it. */
export type CodeFate =
  /** The authority answered: the code is spent whatever the answer was. */
  | "answered"
  /** The caller gave up after the code may have reached the authority. */
  | "abandoned"
  /** No answer, but the code may have reached the authority (a reset or timeout after sending). */
  | "maybe_received"
  /** The code never left the process, or the authority said it did not process it (5xx, 429). */
  | "not_received";

/** What {@link CodeRedemption.redeemOnce} tells its caller. */
export type RedemptionOutcome<T> =
  | { readonly redeemedHere: true; readonly value: T }
  | { readonly redeemedHere: false };

/** What the redeem function learns besides the code. */
export interface RedeemContext {
  /** An earlier redemption of this code may have reached the authority without an answer. */
  readonly mayHaveBeenReceived: boolean;
}

/** Judges what a failed redemption did to the code. */
export type FateOf = (error: unknown) => CodeFate;

/**
 * The state of one authorization code: unused, being redeemed (by exactly one caller), or spent.
 * `T` is what a successful redemption produced.
 */
export class CodeRedemption<T> {
  #code: string | undefined;
  #state: CodeState;
  #inFlight: Promise<T> | undefined;
  readonly #fateOf: FateOf;

  /**
   * @param code - the code, or `undefined` when there is none to send.
   * @param fateOf - judges what a failed redemption did to the code.
   */
  constructor(code: string | undefined, fateOf: FateOf) {
    this.#code = code;
    this.#fateOf = fateOf;
    this.#state = code
      ? { kind: "unused", mayHaveBeenReceived: false }
      : { kind: "spent", reason: "not_needed" };
  }

  /** The current state. */
  get state(): CodeState {
    return this.#state;
  }

  /** Resolves when no redemption is in flight; never rejects. */
  async settled(): Promise<void> {
    await this.#inFlight?.catch(() => undefined);
  }

  /**
   * Sends the code through `redeem` unless it was sent already. Concurrent callers do not send
   * it again: they wait for the one redemption and learn it was not theirs (so they use the
   * refresh token it produced). An answer from the authority (tokens or a refusal) spends the
   * code, and so does an abort after the code may have reached the authority; a transient
   * failure (no answer, 5xx, 429) leaves it unused for a later call.
   */
  async redeemOnce(
    redeem: (code: string, context: RedeemContext) => Promise<T>,
  ): Promise<RedemptionOutcome<T>> {
    const running = this.#inFlight;
    if (running !== undefined) {
      // Share the one redemption's fate: its error too, so a failure is not followed by a
      // stampede of fresh sends from every waiting caller.
      await running;
      return { redeemedHere: false };
    }
    const code = this.#code;
    const state = this.#state;
    if (state.kind !== "unused" || code === undefined) return { redeemedHere: false };
    this.#state = { kind: "redeeming" };
    const flight = redeem(code, { mayHaveBeenReceived: state.mayHaveBeenReceived });
    this.#inFlight = flight;
    try {
      const value = await flight;
      this.spend("answered");
      return { redeemedHere: true, value };
    } catch (error) {
      const fate = this.#fateOf(error);
      if (fate === "answered") this.spend("answered", error);
      else if (fate === "abandoned") this.spend("abandoned", error);
      else {
        this.#state = {
          kind: "unused",
          mayHaveBeenReceived: state.mayHaveBeenReceived || fate === "maybe_received",
        };
      }
      throw error;
    } finally {
      this.#inFlight = undefined;
    }
  }

  /** Marks the code spent without sending it (e.g. a resumed session already used it). */
  spend(reason: SpentReason = "not_needed", refusal?: unknown): void {
    // The code is dropped as soon as it is spent: nothing can send it again by mistake, and a
    // heap dump taken later does not hold it.
    this.#code = undefined;
    this.#state =
      refusal === undefined ? { kind: "spent", reason } : { kind: "spent", reason, refusal };
  }
}
