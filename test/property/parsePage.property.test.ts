/**
 * The page parser against generated input: arbitrary JSON bodies, and click rows that are valid
 * in every form the API is known to send or nearly so. Nothing may escape but an AppError
 * 'bad_response'; a row is either accepted with exactly the values that were sent, or refused and
 * counted in the page's `refused` (never silently dropped).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickRow, parsePage } from '../../src/backend/copernica/parse';
import type { Click } from '../../src/backend/copernica/types';
import { AppError } from '../../src/shared/errors';
import { CLICK_API_FIELDS } from '../../src/backend/export/clicksQuery';

const RUNS = 10_000;
const parseClicks = (body: unknown) => parsePage(body, 'the clicks', clickRow);

/** Runs the parser; true when it accepted, false when it refused with 'bad_response'. */
function acceptsOrRefuses(body: unknown): boolean {
  try {
    parseClicks(body);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_response');
    return false;
  }
}

const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const optionalId = fc.option(id, { nil: null });
/** Text as a stranger types it: any code points, short enough for any cap on stored texts. */
const text = fc.string({ unit: 'binary', maxLength: 200 });
const optionalText = fc.option(text, { nil: null });
const wallClock = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 19).replace('T', ' '));

const truth: fc.Arbitrary<Click> = fc.record({
  id,
  linkId: optionalId,
  link: optionalText,
  linkTitle: optionalText,
  timestamp: wallClock,
  ip: optionalText,
  userAgent: optionalText,
  referer: optionalText,
  emailing: optionalId,
  destination: optionalId,
  profile: optionalId,
  subprofile: optionalId,
});

/** How the API may spell one click: IDs as numbers or as strings, old and new key names. */
const spelling: fc.Arbitrary<Spelling> = fc.record({
  idsAsStrings: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  upperId: fc.boolean(),
  oldUserAgentKey: fc.boolean(),
  nullsOmitted: fc.boolean(),
});

type Spelling = {
  idsAsStrings: boolean[];
  upperId: boolean;
  oldUserAgentKey: boolean;
  nullsOmitted: boolean;
};

function spell(click: Click, how: Spelling): Record<string, unknown> {
  const int = (value: number | null, i: number) =>
    value === null ? null : how.idsAsStrings[i] ? String(value) : value;
  const row: Record<string, unknown> = {
    [how.upperId ? 'ID' : 'id']: int(click.id, 0),
    link_id: int(click.linkId, 1),
    link: click.link,
    link_title: click.linkTitle,
    timestamp: click.timestamp,
    ip: click.ip,
    [how.oldUserAgentKey ? 'user-agent' : 'useragent']: click.userAgent,
    referer: click.referer,
    emailing: int(click.emailing, 2),
    destination: int(click.destination, 3),
    profile: int(click.profile, 4),
    subprofile: int(click.subprofile, 5),
  };
  if (how.nullsOmitted) for (const key of Object.keys(row)) if (row[key] === null) delete row[key];
  return row;
}

/** The fields of a click as the API names them: each one mangled or replaced in turn. */
const keys = CLICK_API_FIELDS;
/** The integer a value stands for, if any: a safe integer, or one written in decimal digits. */
function intOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  // A string is an integer only when it is one written in decimal; "0x1F", "1e3" and " " are not.
  if (typeof value === 'string')
    return /^-?\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
  return null;
}
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

describe('parsePage and clickRow with generated input', () => {
  it('refuse arbitrary JSON with bad_response or accept it, and never throw anything else', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { data: fc.array(fc.jsonValue(), { maxLength: 5 }), total: fc.jsonValue() },
            { requiredKeys: ['data'] },
          ),
          fc.dictionary(
            fc.constantFrom(...keys, 'data', 'count', 'start', 'id', 'user-agent'),
            fc.jsonValue(),
          ),
        ),
        (body) => {
          if (acceptsOrRefuses(body)) accepted++;
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`parsePage, arbitrary JSON: ${RUNS} inputs, ${accepted} accepted`);
  });

  it('accept every valid spelling of a page of clicks with exactly the values sent', () => {
    let rows = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(truth, spelling), { minLength: 1, maxLength: 5 }), (clicks) => {
        const page = parseClicks({
          start: 0,
          limit: 1000,
          count: clicks.length,
          total: clicks.length,
          data: clicks.map(([c, how]) => spell(c, how)),
        });
        expect(page.data).toEqual(clicks.map(([c]) => c));
        rows += clicks.length;
      }),
      { numRuns: RUNS },
    );
    console.log(`clickRow, valid click rows: ${RUNS} inputs (${rows} rows), all accepted exactly`);
  });

  it('take a nearly valid row (one field replaced by any JSON) exactly, or refuse and count it', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(truth, spelling, fc.constantFrom(...keys), fc.jsonValue(), (click, how, key, value) => {
        const row = spell(click, { ...how, upperId: true, oldUserAgentKey: false });
        row[key] = value;
        let page;
        try {
          page = parseClicks({ data: [row] });
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('bad_response');
          return;
        }
        if (page.data.length === 0) {
          expect(page.refused).toBe(1);
          refused++;
          return;
        }
        accepted++;
        const field = {
          ID: 'id',
          link_id: 'linkId',
          link: 'link',
          link_title: 'linkTitle',
          timestamp: 'timestamp',
          ip: 'ip',
          useragent: 'userAgent',
          referer: 'referer',
          emailing: 'emailing',
          destination: 'destination',
          profile: 'profile',
          subprofile: 'subprofile',
        }[key] as keyof Click;
        const parsed = page.data[0] as Click;
        // Every field but the replaced one is exactly what was sent; the replaced one is what it says.
        expect({ ...parsed, [field]: undefined }).toEqual({ ...click, [field]: undefined });
        const isInt = ['id', 'linkId', 'emailing', 'destination', 'profile', 'subprofile'].includes(field);
        // An integer field holds nothing or exactly the integer sent (never a guess such as "0x1F" → 31).
        if (isInt) expect([null, intOf(value)]).toContainEqual(parsed[field]);
        else expect(parsed[field]).toEqual(field === 'timestamp' ? value : textOf(value));
      }),
      { numRuns: RUNS },
    );
    console.log(`clickRow, nearly valid rows: ${RUNS} inputs, ${accepted} accepted, ${refused} refused`);
  });

  it('read an integer only from a number or a string of decimal digits', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...' 0123456789xXeE.+-_'), maxLength: 18 }),
          fc.string({ maxLength: 18 }),
        ),
        (noise, value) => {
          const page = parseClicks({
            data: [{ ID: 1, timestamp: '2024-01-01 00:00:00', profile: value, ip: noise }],
          });
          const row = page.data[0];
          const sent = intOf(value);
          // A positive whole number is taken as it is; anything else is no profile or a refused row.
          if (sent !== null && sent > 0) expect(row?.profile).toBe(sent);
          else if (row) expect(row.profile).toBeNull();
          else expect(page.refused).toBe(1);
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`clickRow, integer fields from strings: ${RUNS} inputs`);
  });
});
