/**
 * Keeps an authorization code single-use. Entra accepts a code once; a second send is
 * answered with AADSTS54005 and, worse, can make Entra revoke the tokens the first send got.
 * This owns only the code's state, not how a redemption is performed.
 */

/** Where the code stands. */
export type CodeState =
  | { readonly kind: "unused" }
  | { readonly kind: "redeeming" }
  | { readonly kind: "spent"; readonly refusal?: unknown };

/** What {@link CodeRedemption.redeemOnce} tells its caller. */
export type RedemptionOutcome<T> =
  | { readonly redeemedHere: true; readonly value: T }
  | { readonly redeemedHere: false };

/** Decides, for an error thrown by a redemption, whether the authority answered for good. */
export type IsDefinitive = (error: unknown) => boolean;

export class CodeRedemption<T> {
  #code: string | undefined;
  #state: CodeState;
  #inFlight: Promise<T> | undefined;

  constructor(
    code: string | undefined,
    private readonly isDefinitive: IsDefinitive,
  ) {
    this.#code = code;
    this.#state = code ? { kind: "unused" } : { kind: "spent" };
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
   * refresh token it produced). A definitive answer (tokens or a refusal) spends the code; a
   * transient failure (no answer, 5xx, 429) leaves it unused for a later call.
   */
  async redeemOnce(redeem: (code: string) => Promise<T>): Promise<RedemptionOutcome<T>> {
    const running = this.#inFlight;
    if (running !== undefined) {
      // Share the one redemption's fate: its error too, so a failure is not followed by a
      // stampede of fresh sends from every waiting caller.
      await running;
      return { redeemedHere: false };
    }
    const code = this.#code;
    if (this.#state.kind !== "unused" || code === undefined) return { redeemedHere: false };
    this.#state = { kind: "redeeming" };
    const flight = redeem(code);
    this.#inFlight = flight;
    try {
      const value = await flight;
      this.spend();
      return { redeemedHere: true, value };
    } catch (error) {
      if (this.isDefinitive(error)) this.spend(error);
      else this.#state = { kind: "unused" };
      throw error;
    } finally {
      this.#inFlight = undefined;
    }
  }

  /** Marks the code spent without sending it (e.g. a resumed session already used it). */
  spend(refusal?: unknown): void {
    // The code is dropped as soon as it is spent: nothing can send it again by mistake, and a
    // heap dump taken later does not hold it.
    this.#code = undefined;
    this.#state = refusal === undefined ? { kind: "spent" } : { kind: "spent", refusal };
  }
}
