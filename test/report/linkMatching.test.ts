import { describe, expect, it } from 'vitest';
import { linkKind } from '../../src/shared/linkKinds';
import { isTrackingParameter, matchKey } from '../../src/shared/linkMatching';

describe('matchKey: links matched across emailings by address without tracking parameters', () => {
  it('matches the same page whatever its utm_* and similar parameters', () => {
    const plain = 'https://www.shop.nl/zomer-sale';
    for (const tracked of [
      'https://www.shop.nl/zomer-sale?utm_source=copernica&utm_medium=email&utm_campaign=nieuwsbrief-1281',
      'https://shop.nl/zomer-sale/?utm_campaign=nieuwsbrief-1282&utm_content=link-03',
      'HTTPS://WWW.SHOP.NL/zomer-sale#boven',
      'http://shop.nl/zomer-sale?gclid=abc&fbclid=def&mc_cid=1&mc_eid=2&_hsenc=x&mkt_tok=y',
    ])
      expect(matchKey(tracked), tracked).toBe(matchKey(plain));
    expect(matchKey(plain)).toBe('shop.nl/zomer-sale');
  });

  it('keeps the parameters that choose the page, in one order', () => {
    expect(matchKey('https://shop.nl/p?id=7&utm_source=x&kleur=rood')).toBe('shop.nl/p?id=7&kleur=rood');
    expect(matchKey('https://shop.nl/p?kleur=rood&id=7')).toBe(matchKey('https://shop.nl/p?id=7&kleur=rood'));
    expect(matchKey('https://shop.nl/p?id=7')).not.toBe(matchKey('https://shop.nl/p?id=8'));
    expect(matchKey('https://shop.nl/a')).not.toBe(matchKey('https://shop.nl/b'));
    // The path's case is the server's business: /Sale and /sale may be different pages.
    expect(matchKey('https://shop.nl/Sale')).not.toBe(matchKey('https://shop.nl/sale'));
  });

  it('matches text that is not a web address only to itself', () => {
    expect(matchKey('{webversion}')).toBe('{webversion}');
    expect(matchKey(' {unsubscribe} ')).toBe('{unsubscribe}');
    expect(matchKey('mailto:info@shop.nl?subject=Hoi')).toBe('mailto:info@shop.nl?subject=Hoi');
  });

  it('knows which parameters are tracking parameters', () => {
    for (const name of ['utm_source', 'UTM_Campaign', 'utm_id', 'gclid', 'fbclid', 'msclkid', '_ga'])
      expect(isTrackingParameter(name), name).toBe(true);
    for (const name of ['id', 'page', 'utm', 'source', 'q'])
      expect(isTrackingParameter(name), name).toBe(false);
  });
});

describe('linkKind: Copernica system links are told from content links', () => {
  it.each([
    ['{webversion}', 'webversion'],
    ['{unsubscribe}', 'unsubscribe'],
    ['{profile.edit}', 'profile'],
    ['https://www.facebook.com/sharer/sharer.php?u=https://shop.nl', 'social'],
    ['https://twitter.com/intent/tweet?url=x', 'social'],
    ['https://www.linkedin.com/shareArticle?url=x', 'social'],
    ['https://shop.nl/zomer', 'content'],
    ['https://www.facebook.com/mijnwinkel', 'content'],
    ['https://shop.nl/unsubscribe-tips', 'content'],
  ] as const)('%s is %s', (url, kind) => {
    expect(linkKind(url)).toBe(kind);
  });
});
