/**
 * The fake's authentication endpoint for REST v4: it exchanges an access token for a JWT whose
 * payload names its `exp`, and checks the bearer header of every v4 request. Tests make a JWT
 * lapse (the fake's clock runs ahead) or revoke every JWT issued so far, mid-sync.
 */
import { createHmac, randomBytes } from 'node:crypto';

export type JwtAnswerFormat = 'text' | 'json';

export interface JwtIssuerOptions {
  /** Seconds a JWT is valid, default 24 hours (Copernica's). */
  lifetimeSeconds?: number;
  /** The fake's clock in ms since the epoch, default Date.now. */
  now?: () => number;
}

export type JwtCheck = 'ok' | 'missing' | 'unknown' | 'expired' | 'revoked';

export class JwtIssuer {
  private readonly secret = randomBytes(16);
  private readonly issued = new Map<string, { exp: number; revoked: boolean }>();
  private serial = 0;
  /** Added to the clock: lets a test move the fake's time on. */
  skewMs = 0;

  constructor(private readonly options: JwtIssuerOptions = {}) {}

  private now(): number {
    return (this.options.now ?? Date.now)() + this.skewMs;
  }

  issue(): string {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + (this.options.lifetimeSeconds ?? 24 * 3600);
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'fake-copernica', jti: ++this.serial, iat, exp })}`;
    const jwt = `${body}.${createHmac('sha256', this.secret).update(body).digest('base64url')}`;
    this.issued.set(jwt, { exp, revoked: false });
    return jwt;
  }

  /** The JWT of an `Authorization: Bearer …` header, checked. */
  check(authorization: string | undefined): JwtCheck {
    const jwt = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (jwt === undefined) return 'missing';
    const entry = this.issued.get(jwt);
    if (!entry) return 'unknown';
    if (entry.revoked) return 'revoked';
    return this.now() >= entry.exp * 1000 ? 'expired' : 'ok';
  }

  /** Every JWT issued so far stops working; new ones are issued as before. */
  revokeAll(): void {
    for (const entry of this.issued.values()) entry.revoked = true;
  }

  get count(): number {
    return this.issued.size;
  }
}

export function jwtAnswer(jwt: string, format: JwtAnswerFormat): { body: string; contentType: string } {
  return format === 'json'
    ? { body: JSON.stringify({ token: jwt }), contentType: 'application/json' }
    : { body: jwt, contentType: 'text/plain' };
}
