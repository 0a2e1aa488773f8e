/**
 * The fake's databases and collections (reference §2.3): `database/$id/fields`,
 * `database/$id/profiles` (paged, `fields[]` filters on the ID), `collection/$id/fields`,
 * `collection/$id/subprofiles`, and the single `profile/$id` and `subprofile/$id` calls, all
 * over the same entities. A database holds every ID from its base up to its size (the clickers
 * of the fake's emailings among them); tests can remove a profile (it keeps its ID, loses its
 * field values, gets a `removed` date and drops out of the lists, as rmuit saw on the live API)
 * or change one (its `modified` moves on).
 */
import {
  FAKE_COLLECTION_ID,
  FAKE_DATABASE_ID,
  PROFILE_BASE,
  SUBPROFILE_BASE,
  profileJson,
  subprofileJson,
  type RowFormat,
} from './data';
import { type Condition, type Rows, conditionsOf, pageOf, select, selectionSize } from './filters';

export interface FakeDatabaseSpec {
  /** Default FAKE_DATABASE_ID. */
  id?: number;
  /** Profiles with IDs PROFILE_BASE … PROFILE_BASE + profiles − 1; default: enough for every clicker. */
  profiles?: number;
  /** Its one collection's subprofiles, SUBPROFILE_BASE onwards; default: enough for every click's. */
  subprofiles?: number;
}

/** The fields `database/$id/fields` lists, in the order Copernica would show them. */
export const FAKE_PROFILE_FIELDS = ['firstname', 'lastname', 'email', 'company', 'city'] as const;
export const FAKE_SUBPROFILE_FIELDS = ['ordernummer', 'bedrag'] as const;

const REMOVED_AT = '2024-05-01 12:00:00';
const CHANGED_AT = '2024-06-01 08:00:00';

function fieldJson(names: readonly string[], index: number, format: RowFormat): Record<string, unknown>[] {
  return names.map((name, i) => ({
    ID: format.numbersAsStrings ? String(index * 10 + i + 1) : index * 10 + i + 1,
    name,
    type: name === 'email' ? 'email' : name === 'bedrag' ? 'float' : 'text',
    value: '',
    displayed: true,
    ordered: name === 'lastname',
    length: 255,
    textlines: 1,
    hidden: false,
    index: name === 'email',
  }));
}

/**
 * A list of entities with IDs base … base + size − 1, some removed. `Rows` for the `fields[]`
 * filter: the live IDs ascend with the row index, so an ID range is a binary search.
 */
class EntityRange implements Rows {
  private removedSorted: number[] = [];
  readonly removed = new Set<number>();
  readonly changed = new Map<number, Record<string, string>>();
  timestampsAscending = true;

  constructor(
    readonly base: number,
    readonly size: number,
  ) {}

  has(id: number): boolean {
    return id >= this.base && id < this.base + this.size;
  }

  remove(id: number): void {
    if (!this.has(id) || this.removed.has(id)) return;
    this.removed.add(id);
    this.removedSorted = [...this.removed].sort((a, b) => a - b);
  }

  get count(): number {
    return this.size - this.removed.size;
  }

  /** Removed IDs at or below `id`. */
  private removedUpTo(id: number): number {
    let lo = 0;
    let hi = this.removedSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.removedSorted[mid] as number) <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The k-th live ID: base + k, moved past the removed ones before it. */
  idAt(k: number): number {
    let id = this.base + k;
    for (;;) {
      const next = this.base + k + this.removedUpTo(id);
      if (next === id) return id;
      id = next;
    }
  }

  timestampAt(): string {
    return '';
  }
}

export class FakeDatabase {
  readonly id: number;
  readonly collectionId = FAKE_COLLECTION_ID;
  readonly profiles: EntityRange;
  readonly subprofiles: EntityRange;

  constructor(
    spec: FakeDatabaseSpec,
    private readonly seed: number,
  ) {
    this.id = spec.id ?? FAKE_DATABASE_ID;
    this.profiles = new EntityRange(PROFILE_BASE, Math.max(1, spec.profiles ?? 1000));
    this.subprofiles = new EntityRange(SUBPROFILE_BASE, Math.max(1, spec.subprofiles ?? 1000));
  }

  /** `profile/$id` and a row of `database/$id/profiles`: a removed one with empty values. */
  profileJson(id: number, format: RowFormat): Record<string, unknown> {
    const json = profileJson(id, this.seed, format);
    json.database = format.numbersAsStrings ? String(this.id) : this.id;
    return this.applyState(json, this.profiles, id);
  }

  subprofileJson(id: number, format: RowFormat): Record<string, unknown> {
    return this.applyState(subprofileJson(id, this.seed, format), this.subprofiles, id);
  }

  private applyState(json: Record<string, unknown>, range: EntityRange, id: number): Record<string, unknown> {
    const fields = json.fields as Record<string, string>;
    if (range.removed.has(id)) {
      json.fields = Object.fromEntries(Object.keys(fields).map((name) => [name, '']));
      json.removed = REMOVED_AT;
      return json;
    }
    const changed = range.changed.get(id);
    if (changed) {
      json.fields = { ...fields, ...changed };
      json.modified = CHANGED_AT;
    }
    return json;
  }

  fieldsJson(kind: 'profiles' | 'subprofiles', format: RowFormat): string[] {
    return fieldJson(
      kind === 'profiles' ? FAKE_PROFILE_FIELDS : FAKE_SUBPROFILE_FIELDS,
      kind === 'profiles' ? 1 : 2,
      format,
    ).map((row) => JSON.stringify(row));
  }

  /** A page of the live profiles (or subprofiles) under the query's ID conditions, and their total. */
  list(
    kind: 'profiles' | 'subprofiles',
    query: URLSearchParams,
    start: number,
    limit: number,
    format: RowFormat,
  ): { rows: string[]; total: number } {
    const range = kind === 'profiles' ? this.profiles : this.subprofiles;
    const conditions: Condition[] = conditionsOf(query).filter((c) => c.field === 'id');
    const selection = select(range, conditions);
    const rows = pageOf(selection, start, limit).map((k) => {
      const id = range.idAt(k);
      return JSON.stringify(
        kind === 'profiles' ? this.profileJson(id, format) : this.subprofileJson(id, format),
      );
    });
    return { rows, total: selectionSize(selection) };
  }
}

export { FAKE_COLLECTION_ID, FAKE_DATABASE_ID };
