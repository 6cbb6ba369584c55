// Failed logins counted per account and address: after 10 failures within 15 minutes that pair is refused (429)
// until the window has passed; a successful login clears its count. Successes are never counted, so people who
// share an address (a council office, a reverse proxy without JMEG_TRUST_PROXY) do not lock each other out, and
// guessing one account's password from one address stays at 10 tries per 15 minutes.
import { normalizeEmail } from '../../db/accounts';

export const LOGIN_FAILURES = { max: 10, windowMs: 15 * 60 * 1000 };
// Beyond this many pairs the expired ones are dropped (memory stays bounded under a spray of addresses).
const PRUNE_ABOVE = 10_000;

interface Failures {
  count: number;
  /** When the first failure of the window happened (ms). */
  since: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: () => number = Date.now) {}

  static key(address: string, email: string): string {
    return `${address}|${normalizeEmail(email)}`;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const f = this.failures.get(key);
    if (!f) return 0;
    const left = f.since + LOGIN_FAILURES.windowMs - this.clock();
    if (left <= 0) {
      this.failures.delete(key);
      return 0;
    }
    return f.count >= LOGIN_FAILURES.max ? Math.ceil(left / 1000) : 0;
  }

  failed(key: string): void {
    const now = this.clock();
    const f = this.failures.get(key);
    if (f && now - f.since < LOGIN_FAILURES.windowMs) f.count += 1;
    else this.failures.set(key, { count: 1, since: now });
    if (this.failures.size > PRUNE_ABOVE) this.prune(now);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, f] of this.failures) if (now - f.since >= LOGIN_FAILURES.windowMs) this.failures.delete(key);
  }
}
