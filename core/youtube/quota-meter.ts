import { KirinukiError } from '../errors.js';

/** Data API quota units per call (https://developers.google.com/youtube/v3/determine_quota_cost). */
export const QUOTA_COSTS = {
  'videos.list': 1,
  'commentThreads.list': 1,
  'channels.list': 1,
  'playlistItems.list': 1,
  /** One upload (kirinuki publish): the session it opens costs this much, however many PUTs it takes. */
  'videos.insert': 1600,
} as const;

export type ApiMethod = keyof typeof QUOTA_COSTS;

export interface QuotaMeterOptions {
  /** Quota units this meter may spend; a request that would go past it throws QUOTA_BUDGET_REACHED. */
  budget?: number;
  /** Counts the units of several processes together (the queue's workers share one daily quota). */
  shared?: SharedQuotaCounter;
}

/** A quota count kept outside this process: `take` counts `units` or throws a QUOTA_* KirinukiError. */
export interface SharedQuotaCounter {
  take: (units: number, method: ApiMethod) => Promise<void>;
}

/**
 * Counts every HTTP request to the Data API (retries included) and the quota units they cost.
 * One meter can be shared by a whole batch (a channel run) to keep it inside a budget.
 */
export class QuotaMeter {
  readonly budget: number | undefined;
  private readonly shared: SharedQuotaCounter | undefined;
  private requestCount = 0;
  private unitCount = 0;
  private readonly perMethod = new Map<ApiMethod, number>();

  constructor(options: QuotaMeterOptions = {}) {
    if (options.budget !== undefined && !(options.budget >= 0)) {
      throw new KirinukiError('INVALID_ARGUMENT', `quota budget must be a number ≥ 0, got ${options.budget}.`);
    }
    this.budget = options.budget;
    this.shared = options.shared;
  }

  get requests(): number {
    return this.requestCount;
  }

  get units(): number {
    return this.unitCount;
  }

  /** Requests made per API method. */
  requestsOf(method: ApiMethod): number {
    return this.perMethod.get(method) ?? 0;
  }

  /** Units left in the budget (Infinity without one). */
  get remaining(): number {
    return this.budget === undefined ? Infinity : Math.max(0, this.budget - this.unitCount);
  }

  /** Call right before sending a request: throws when it would exceed the budget, else counts it. */
  charge(method: ApiMethod): void {
    this.checkBudget(method);
    this.count(method);
  }

  /** `charge`, also counted on the shared counter when there is one (which may refuse it). */
  async reserve(method: ApiMethod): Promise<void> {
    this.checkBudget(method);
    await this.shared?.take(QUOTA_COSTS[method], method);
    this.count(method);
  }

  private checkBudget(method: ApiMethod): void {
    const cost = QUOTA_COSTS[method];
    if (this.budget !== undefined && this.unitCount + cost > this.budget) {
      throw new KirinukiError(
        'QUOTA_BUDGET_REACHED',
        `The quota budget of ${this.budget} units is spent (${this.unitCount} used); ${method} was not sent.`,
      );
    }
  }

  private count(method: ApiMethod): void {
    const cost = QUOTA_COSTS[method];
    this.requestCount += 1;
    this.unitCount += cost;
    this.perMethod.set(method, this.requestsOf(method) + 1);
  }

  toJSON(): { requests: number; units: number; budget?: number } {
    const json: { requests: number; units: number; budget?: number } = { requests: this.requests, units: this.units };
    if (this.budget !== undefined) json.budget = this.budget;
    return json;
  }
}
