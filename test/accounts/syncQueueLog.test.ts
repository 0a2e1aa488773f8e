import { describe, expect, it } from 'vitest';
import { addAccount, keyOf, status, until, useSetup } from './setup';

const setup = useSetup();

describe('an unexpected error in a background refresh', () => {
  it("goes to the backend's log with its stack; the window gets the short message", async () => {
    const { mod, ctx, db, progress } = await setup();
    const logged: { message: string; error: unknown }[] = [];
    ctx.logError = (message, error) => logged.push({ message, error });
    const a = await addAccount(mod);
    await mod.handlers.refreshEmailingList({ accountId: a.id });
    const key = keyOf(mod, a.id, 501);
    // A cache broken under the refresh: SQLite's error is no AppError, so it is a bug to log.
    db.exec('ALTER TABLE clicks RENAME TO clicks_gone');

    await mod.handlers.syncEmailings({ emailingKeys: [key] });
    await until(() => status(mod).syncing.length === 0);

    expect(progress(key).at(-1)).toMatchObject({
      phase: 'failed',
      error: 'The refresh stopped on an unexpected error.',
    });
    const line = logged.find((entry) => entry.message.includes(`emailing ${key}`));
    expect(line?.error).toBeInstanceOf(Error);
    expect((line?.error as Error).stack).toMatch(/no such table[\s\S]*\n\s+at /);
  });
});
