/**
 * The accounts of one read of the shared cache, for one cloud and client. A credential chooses
 * its account from the few that can match its criteria (by username or home account id, found
 * with one pass over the `Account` entries); the full list is built only when something needs
 * every account: no criteria, an error message, `listAccounts()`.
 */
import { type AccountView, buildAccountViews } from "./account-view";
import type { Cloud } from "./cloud";
import type { AccountCriteria } from "./select-account";
import type { StoreSnapshot } from "./stores/cache-store";

// More candidates than this (one username on many accounts) gain nothing over the full list.
const maxCandidates = 8;

/** Every account of a set of snapshots, and the few that may fit given criteria. */
export class AccountDirectory {
  readonly #snapshots: readonly StoreSnapshot[];
  readonly #cloud: Cloud;
  readonly #clientId: string;
  #all: readonly AccountView[] | undefined;
  #candidates: { criteria: AccountCriteria; views: readonly AccountView[] | undefined } | undefined;

  constructor(snapshots: readonly StoreSnapshot[], cloud: Cloud, clientId: string) {
    this.#snapshots = snapshots;
    this.#cloud = cloud;
    this.#clientId = clientId;
  }

  /** Every account this client can use, in store order. */
  all(): readonly AccountView[] {
    this.#all ??= buildAccountViews(this.#snapshots, this.#cloud, this.#clientId);
    return this.#all;
  }

  /**
   * The views of every account that may fit `criteria` (more may be included, none left out),
   * or `undefined` when the criteria do not narrow the accounts down cheaply.
   */
  candidates(criteria: AccountCriteria): readonly AccountView[] | undefined {
    if (this.#all) return this.#all;
    if (this.#candidates?.criteria !== criteria) {
      this.#candidates = { criteria, views: this.#findCandidates(criteria) };
    }
    return this.#candidates.views;
  }

  #findCandidates(criteria: AccountCriteria): readonly AccountView[] | undefined {
    let homes: Set<string>;
    if (criteria.homeAccountId !== undefined) {
      homes = new Set([criteria.homeAccountId]);
    } else if (criteria.username !== undefined) {
      homes = new Set();
      for (const { index } of this.#snapshots) {
        for (const home of index.homesNamed(criteria.username)) homes.add(home);
      }
    } else {
      return undefined;
    }
    if (homes.size > maxCandidates) return undefined;
    return buildAccountViews(this.#snapshots, this.#cloud, this.#clientId, homes);
  }
}
