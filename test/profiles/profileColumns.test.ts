/** The profile field columns of the grids: values in the blocks, text filters, the Profiles view's sort. */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopernicaClient } from '../../src/backend/copernica/client';
import type { BackendContext } from '../../src/backend/context';
import { openDatabase } from '../../src/backend/db/open';
import { createFakeCopernica, type FakeCopernica } from '../../src/backend/fakeApi/server';
import { fetchProfiles } from '../../src/backend/profiles/fetchProfiles';
import { writeProfileSettings } from '../../src/backend/profiles/profileSettings';
import { planSync, runSync } from '../../src/backend/sync/runSync';
import { createViewHandlers } from '../../src/backend/views/viewHandlers';
import { ClicksBlockRequestSchema, ProfilesBlockRequestSchema } from '../../src/shared/schemas/grid';
import type { ClicksBlock, ProfileRow } from '../../src/shared/schemas/views';

let fake: FakeCopernica;
let db: Database.Database;
let key: number;
let views: ReturnType<typeof createViewHandlers>;
let removed: number;

const fieldsOf = (id: number) =>
  fake.database().profileJson(id, { userAgentKey: 'useragent', numbersAsStrings: true }).fields as Record<
    string,
    string
  >;

beforeAll(async () => {
  fake = await createFakeCopernica({ tokens: ['t'], emailings: [{ id: 901, clicks: 1200 }] });
  db = openDatabase(':memory:');
  const client = new CopernicaClient({ baseUrl: fake.url, token: 't' });
  await runSync({ db, source: client, plan: await planSync(client, fake.url, [901]) });
  key = db.prepare('SELECT id FROM emailings').pluck().get() as number;
  removed = db.prepare('SELECT MIN(profile) FROM clicks').pluck().get() as number;
  fake.removeProfile(removed);
  await fetchProfiles({ db, source: client, emailingKey: key });
  const accountId = db.prepare('SELECT id FROM accounts').pluck().get() as number;
  writeProfileSettings(db, accountId, {
    chosenFields: ['email', 'company'],
    nameFields: ['firstname', 'lastname'],
  });
  views = createViewHandlers({ db } as unknown as BackendContext);
});
afterAll(async () => {
  db.close();
  await fake.close();
});

function profilesBlock(query: object): { rows: ProfileRow[]; rowCount: number } {
  return views.getProfilesBlock(
    ProfilesBlockRequestSchema.parse({ emailingKey: key, startRow: 0, endRow: 1000, ...query }),
  ) as { rows: ProfileRow[]; rowCount: number };
}

describe('profile field columns', () => {
  it('each block row carries the chosen fields and the name; a removed profile says so', () => {
    const { rows } = profilesBlock({});
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows) {
      if (row.profile === null) continue;
      if (row.profile === removed) {
        expect(row.profileFields).toEqual({ email: '(removed)', company: '(removed)' });
        expect(row.profileName).toBe('(removed)');
        continue;
      }
      const f = fieldsOf(row.profile);
      expect(row.profileFields).toEqual({ email: f.email, company: f.company });
      expect(row.profileName).toBe(`${f.firstname} ${f.lastname}`);
    }
  });

  it('filters the Profiles view and the clicks grid by a field (contains, equals)', () => {
    const all = profilesBlock({}).rows.filter((r) => r.profile !== null && r.profile !== removed);
    const annas = all.filter((r) => fieldsOf(r.profile!).email!.includes('anna'));
    expect(annas.length).toBeGreaterThan(0);
    const filtered = profilesBlock({
      filterModel: { 'profileField:email': { filterType: 'text', type: 'contains', filter: 'anna' } },
    });
    expect(filtered.rowCount).toBe(annas.length);
    expect(new Set(filtered.rows.map((r) => r.profile))).toEqual(new Set(annas.map((r) => r.profile)));

    const one = annas[0]!;
    const email = fieldsOf(one.profile!).email!;
    const clicks = views.getClicksBlock(
      ClicksBlockRequestSchema.parse({
        emailingKey: key,
        startRow: 0,
        endRow: 100,
        filterModel: { 'profileField:email': { filterType: 'text', type: 'equals', filter: email } },
      }),
    ) as ClicksBlock;
    expect(clicks.rowCount).toBe(one.clicks as number);
    expect(clicks.rows.every((r) => r.profile === one.profile)).toBe(true);
  });

  it('sorts the Profiles view by a field, both ways', () => {
    const asc = profilesBlock({ sortModel: [{ colId: 'profileField:company', sort: 'asc' }] }).rows;
    const companies = asc
      .filter((r) => r.profile !== null && r.profile !== removed)
      .map((r) => fieldsOf(r.profile!).company!.toLowerCase());
    expect(companies).toEqual([...companies].sort());
    const desc = profilesBlock({ sortModel: [{ colId: 'profileField:company', sort: 'desc' }] }).rows;
    expect(fieldsOf(desc[0]!.profile!).company!.toLowerCase()).toBe(companies.at(-1));
  });

  it('takes only text filters and field names that cannot close a JSON path', () => {
    const number = ProfilesBlockRequestSchema.safeParse({
      emailingKey: key,
      startRow: 0,
      endRow: 10,
      filterModel: { 'profileField:email': { filterType: 'number', type: 'equals', filter: 1 } },
    });
    expect(number.success).toBe(false);
    const hostile = ProfilesBlockRequestSchema.safeParse({
      emailingKey: key,
      startRow: 0,
      endRow: 10,
      sortModel: [{ colId: `profileField:x"') FROM profiles; --`, sort: 'asc' }],
    });
    expect(hostile.success).toBe(false);
    // The clicks grid filters by a field but does not sort by one.
    const sort = ClicksBlockRequestSchema.safeParse({
      emailingKey: key,
      startRow: 0,
      endRow: 10,
      sortModel: [{ colId: 'profileField:email', sort: 'asc' }],
    });
    expect(sort.success).toBe(false);
  });
});
