import { describe, expect, it } from 'vitest';
import type { EmailingListItem } from '../../src/shared/schemas/emailings';
import { statisticsHistory } from '../../src/backend/figures/statisticsSnapshots';
import { addAccount, keyOf, status, until, useSetup } from '../accounts/setup';

const setup = useSetup();

describe("the app's refresh of an emailing", () => {
  it("fetches Copernica's statistics after the clicks, and the list shows the rates from them", async () => {
    const { mod, db } = await setup({});
    const a = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const key = keyOf(mod, a.id, 501);
    const before = (await mod.handlers.listEmailings({ accountId: a.id })) as EmailingListItem[];
    expect(before.find((e) => e.key === key)?.rates?.clickRate).toBeNull();

    await mod.handlers.syncEmailings({ emailingKeys: [key] });
    await until(() => status(mod).syncing.length === 0);
    const [snapshot] = statisticsHistory(db, key);
    expect(snapshot?.statistics.clicks.total).toBe(4321);

    const listed = (await mod.handlers.listEmailings({ accountId: a.id })) as EmailingListItem[];
    const rates = listed.find((e) => e.key === key)?.rates;
    expect(rates?.clickRate).toBeGreaterThan(0);
    expect(rates?.openRate).toBeGreaterThan(0);
  });
});
