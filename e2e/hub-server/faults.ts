/**
 * Faults the test Hub injects into its answers, set per test: an HTTP status (with Retry-After), a
 * body cut after N bytes, a corrupted byte, or a stall. Each rule matches GET requests by server,
 * path and Range start, and applies to a number of matching requests.
 */

/** What goes wrong with an answer. */
export type Fault =
  /** Answer this status instead, with a JSON error body and, when set, Retry-After in seconds. */
  | { kind: 'status'; status: number; retryAfter?: number }
  /** Send the headers and the first `afterBytes` bytes of the body, then close the connection. */
  | { kind: 'cut'; afterBytes: number }
  /** Send the answer with the byte at `atByte` of the body inverted. */
  | { kind: 'corrupt'; atByte: number }
  /** Send nothing more until the client gives up: no headers at all, or the headers and `afterBytes` bytes. */
  | { kind: 'stall'; afterBytes?: number };

/** Which requests get a fault, and how many of them. */
export interface FaultRule {
  /** `hub` for the API and resolve URLs, `storage` for the host large files redirect to; both when unset. */
  server?: 'hub' | 'storage';
  /** Matches when the URL path contains this text or matches this pattern; every path when unset. */
  path?: string | RegExp;
  /** Matches only requests whose Range starts at this byte or later (a request without Range starts at 0). */
  rangeFrom?: number;
  /** Matching requests that get the fault before the rule runs out: 1 by default, Infinity for all. */
  times?: number;
  fault: Fault;
}

/** The faults of a server, consumed as matching requests arrive. */
export class FaultBook {
  private rules: { rule: FaultRule; left: number }[] = [];

  /** Adds a rule after the existing ones; the first matching rule with uses left wins. */
  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /**
   * Returns the fault for a request, using up one application of its rule, or null. Rules whose
   * fault `applies` rejects (a body fault on an answer without a body) are skipped.
   */
  take(server: 'hub' | 'storage', path: string, rangeStart: number, applies: (fault: Fault) => boolean = () => true): Fault | null {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0 || !applies(rule.fault)) continue;
      if (rule.server && rule.server !== server) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      if (rule.rangeFrom !== undefined && rangeStart < rule.rangeFrom) continue;
      entry.left--;
      return rule.fault;
    }
    return null;
  }
}
