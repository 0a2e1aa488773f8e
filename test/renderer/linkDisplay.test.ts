import { describe, expect, it } from 'vitest';
import { linkGridRows, sharedSite, shortLink } from '../../src/renderer/src/grid/linkDisplay';
import type { LinkRow } from '../../src/shared/schemas/views';

const shop = 'https://www.voorbeeldwinkel.nl';

describe('shortLink', () => {
  it('drops the shared site and the tracking parameters, keeps the path and any other query', () => {
    const url = `${shop}/fietsen/e-bikes?utm_source=copernica&utm_medium=email&kleur=rood&fbclid=x#maten`;
    expect(shortLink(url, 'voorbeeldwinkel.nl')).toBe('/fietsen/e-bikes?kleur=rood#maten');
  });

  it('keeps the host of a link on another site, without the scheme', () => {
    expect(shortLink('https://www.facebook.com/voorbeeldwinkel?utm_campaign=x', 'voorbeeldwinkel.nl')).toBe(
      'facebook.com/voorbeeldwinkel',
    );
    expect(shortLink('https://other.nl/', 'voorbeeldwinkel.nl')).toBe('other.nl');
  });

  it('shows a tag or a non-web address as it is', () => {
    expect(shortLink('{webversion}', 'voorbeeldwinkel.nl')).toBe('{webversion}');
    expect(shortLink('mailto:info@voorbeeldwinkel.nl', 'voorbeeldwinkel.nl')).toBe(
      'mailto:info@voorbeeldwinkel.nl',
    );
    expect(shortLink(null, null)).toBe('');
  });
});

describe('sharedSite', () => {
  it('is the host most links point at, www. or not', () => {
    expect(
      sharedSite([`${shop}/a`, 'https://voorbeeldwinkel.nl/b', 'https://other.nl/', '{webversion}', null]),
    ).toBe('voorbeeldwinkel.nl');
  });

  it('is none when no two links share a host', () => {
    expect(sharedSite(['https://a.nl/', 'https://b.nl/', '{unsubscribe}'])).toBeNull();
  });
});

describe('linkGridRows', () => {
  const row = (link: string | null, share: number): LinkRow => ({
    linkId: 1,
    link,
    linkTitle: null,
    clicks: 1,
    uniqueProfiles: 1,
    share,
    firstClick: null,
    lastClick: null,
  });

  it('scales each share bar to the top link and tags the system links', () => {
    const rows = linkGridRows([
      row(`${shop}/a?utm_source=x`, 0.2),
      row(`${shop}/b`, 0.05),
      row('{webversion}', 0.1),
      row('{unsubscribe}', 0),
    ]);
    expect(rows.map((r) => r.barScale)).toEqual([1, 0.25, 0.5, 0]);
    expect(rows.map((r) => r.kind)).toEqual(['content', 'content', 'webversion', 'unsubscribe']);
    expect(rows.map((r) => r.shortLink)).toEqual(['/a', '/b', '{webversion}', '{unsubscribe}']);
  });
});
