/**
 * The tokens main decrypted, in worker memory only, and one Copernica client per account built
 * from them (one client per account, so its limiter bounds that account's requests in flight).
 */
import { AppError } from '../../shared/errors';
import type { ApiVersion } from '../../shared/schemas/accounts';
import { CopernicaClient, type CopernicaClientOptions } from '../copernica/client';
import { DEFAULT_AUTH_URL } from '../copernica/jwtSession';
import type { HttpGet } from '../copernica/httpGet';
import type { AccountTarget } from './accountStore';
import { DEMO_TOKEN, type DemoServer } from './demoServer';

/** Client settings tests may tighten (retries, timeouts, sleeping). */
export type ClientTuning = Partial<
  Pick<
    CopernicaClientOptions,
    'sleep' | 'maxAttempts' | 'timeoutMs' | 'backoffBaseMs' | 'backoffCapMs' | 'random'
  >
>;

export class AccountClients {
  private readonly tokens = new Map<number, string>();
  private readonly clients = new Map<number, { apiBase: string; client: CopernicaClient }>();

  constructor(
    private readonly demo: DemoServer,
    /** Copernica's origin without the API version, e.g. https://api.copernica.com. */
    private readonly copernicaOrigin: string,
    private readonly fetch: HttpGet | undefined,
    private readonly tuning: ClientTuning,
  ) {}

  /**
   * A real account's API base: Copernica's origin plus the version. It is derived, never read
   * from the cache file's api_base, which anyone who can write the file (or the CLI's
   * --base-url) can point at another host, and the token would go there.
   */
  apiBaseFor(apiVersion: ApiVersion): string {
    return `${this.copernicaOrigin}/${apiVersion}`;
  }

  /**
   * Where v4 accounts exchange their token for a JWT: Copernica's endpoint for Copernica's API;
   * for any other origin (the fake Copernica of the tests and the end-to-end harness) its own
   * `/authenticate`. Like the API base, derived, never read from the cache file.
   */
  authUrl(): string {
    const { hostname } = new URL(this.copernicaOrigin);
    return hostname.endsWith('.copernica.com') ? DEFAULT_AUTH_URL : `${this.copernicaOrigin}/authenticate`;
  }

  setToken(accountId: number, token: string | null): void {
    if (token === null) this.tokens.delete(accountId);
    else this.tokens.set(accountId, token);
    this.clients.delete(accountId);
  }

  hasToken(accountId: number): boolean {
    return this.tokens.has(accountId);
  }

  /** Drops the cached client (its API base or token changed). */
  forget(accountId: number): void {
    this.clients.delete(accountId);
  }

  /** A client for any base and token: token checks before an account exists. */
  create(apiBase: string, token: string, extra: Partial<CopernicaClientOptions> = {}): CopernicaClient {
    return new CopernicaClient({
      baseUrl: apiBase,
      token,
      authUrl: this.authUrl(),
      ...(this.fetch ? { fetch: this.fetch } : {}),
      ...this.tuning,
      ...extra,
    });
  }

  /** The account's client; refuses an account whose token is rejected or unknown. */
  async forAccount(account: AccountTarget): Promise<CopernicaClient> {
    if (account.tokenStatus === 'rejected') {
      throw new AppError(
        'invalid_token',
        `Copernica refused the access token of "${account.label}". Enter a new access token for it.`,
      );
    }
    const apiBase = account.isDemo ? await this.demo.apiBase() : this.apiBaseFor(account.apiVersion);
    const cached = this.clients.get(account.id);
    if (cached && cached.apiBase === apiBase) return cached.client;
    const token = account.isDemo ? DEMO_TOKEN : this.tokens.get(account.id);
    if (token === undefined) {
      throw new AppError(
        'invalid_token',
        `"${account.label}" has no access token yet. Enter one to refresh it.`,
      );
    }
    // The demo server lives in this process: the caller's fetch (a test's) is not meant for it.
    const client = account.isDemo
      ? new CopernicaClient({ baseUrl: apiBase, token, ...this.tuning })
      : this.create(apiBase, token);
    this.clients.set(account.id, { apiBase, client });
    return client;
  }
}
