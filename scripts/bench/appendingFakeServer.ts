/**
 * The fake Copernica API in a child process whose main emailing grows on request, as a sent
 * mailing does between two cron refreshes: each line `append CHUNKS SIZE` on stdin adds CHUNKS
 * runs of SIZE clicks, each run one second after the last, and is answered `appended TOTAL`.
 *   tsx scripts/bench/appendingFakeServer.ts --clicks N --token T
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createFakeCopernica } from '../../src/backend/fakeApi/server';
import { BENCH_EMAILING_ID } from './fillCache';

const { values } = parseArgs({
  options: { clicks: { type: 'string' }, token: { type: 'string' } },
});
const fake = await createFakeCopernica({
  tokens: [values.token as string],
  emailings: [{ id: BENCH_EMAILING_ID, clicks: Number(values.clicks) }],
});
process.stdout.write(`listening ${fake.url}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, chunks, size] = line.trim().split(/\s+/);
  if (command !== 'append') continue;
  for (let i = 0; i < Number(chunks); i++) fake.appendClicks(BENCH_EMAILING_ID, Number(size));
  process.stdout.write(`appended ${fake.clickCount(BENCH_EMAILING_ID)}\n`);
}
await fake.close();
