/**
 * Where each product's calls live, per API version. v2 and v3 name them `publisher/…` and
 * `ms/…`; Copernica's current v4 pages name them `html/…` and `draganddrop/…`, while its 2024
 * documentation still lists `publisher/` and `ms/` under v4. A v4 client tries the current
 * spelling first and the older one after a 404, and keeps whichever answered (client.ts).
 */
import type { ApiVersion } from '../../shared/schemas/accounts';
import type { Product } from '../../shared/schemas/product';

const v4Prefixes: Record<Product, readonly string[]> = {
  publisher: ['html', 'publisher'],
  ms: ['draganddrop', 'ms'],
};

export function productPrefixes(version: ApiVersion, product: Product): readonly string[] {
  return version === 'v4' ? v4Prefixes[product] : [product];
}

/** The version an API base names by its last path segment (`…/v4`); v2 when it names none. */
export function apiVersionOfBase(baseUrl: string): ApiVersion {
  const last = /\/(v[234])\/*$/.exec(baseUrl)?.[1];
  return (last as ApiVersion | undefined) ?? 'v2';
}
