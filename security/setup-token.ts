// The one-time setup link of the first start: when no account exists and JMEG_ADMIN_EMAIL/PASSWORD are not set,
// `npm start` prints http://HOST:PORT/setup?token=... (cli/commands/start.ts). The token is 32 random bytes; this
// process keeps only its sha256, in memory, so it works until it is used or the process stops, and a new one is
// printed at the next start while still no account exists.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type SetupTokenState = 'valid' | 'used' | 'invalid';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The gate of the setup page: one token, used once. A claim is synchronous, so two concurrent posts cannot both pass. */
export class SetupGate {
  private readonly tokenHash: Buffer;
  private used = false;
  private claimed = false;

  constructor(tokenHash: string) {
    this.tokenHash = Buffer.from(tokenHash, 'hex');
  }

  /** A new gate and the token to print (the token itself is never kept). */
  static create(): { gate: SetupGate; token: string } {
    const token = randomBytes(32).toString('base64url');
    return { gate: new SetupGate(sha256(token).toString('hex')), token };
  }

  private matches(token: unknown): boolean {
    if (typeof token !== 'string' || token === '' || token.length > 200) return false;
    return timingSafeEqual(sha256(token), this.tokenHash);
  }

  /** 'invalid' for any other token, 'used' for this one once used (or while another request holds it). */
  check(token: unknown): SetupTokenState {
    if (!this.matches(token)) return 'invalid';
    return this.used || this.claimed ? 'used' : 'valid';
  }

  /** Takes the token for one request: true once; false for a wrong, used or already claimed token. */
  claim(token: unknown): boolean {
    if (this.check(token) !== 'valid') return false;
    this.claimed = true;
    return true;
  }

  /** The claiming request failed before creating anything: the token works again. */
  release(): void {
    this.claimed = false;
  }

  /** The claiming request is done (the first account exists now): the token never works again. */
  consume(): void {
    this.used = true;
    this.claimed = false;
  }
}
