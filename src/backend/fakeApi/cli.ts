/**
 * `npm run fake-api`: the fake Copernica API as a process, for development and benchmarks.
 *   tsx src/backend/fakeApi/cli.ts --port 4010 --clicks 250000 --token demo-token
 * Also usable from code: startFakeCopernica() with the same settings.
 */
import { pathToFileURL } from 'node:url';
import { createFakeCopernica, type FakeCopernica } from './server';

export interface FakeApiSettings {
  port: number;
  /** Clicks of the main emailing (ID 1001); two small emailings are added beside it. */
  clicks: number;
  /** Clicks of the Marketing Suite emailing, also ID 1001 (the products number apart). */
  msClicks: number;
  token: string;
  seed: number;
  latencyMs: number;
}

export const defaultFakeApiSettings: FakeApiSettings = {
  port: 4010,
  clicks: 250_000,
  msClicks: 2_000,
  token: 'demo-token',
  seed: 1,
  latencyMs: 0,
};

export function parseFakeApiArgs(argv: readonly string[]): FakeApiSettings {
  const settings = { ...defaultFakeApiSettings };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = (): number => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < 0)
        throw new Error(`${flag} needs a whole number`);
      i++;
      return n;
    };
    if (flag === '--port') settings.port = number();
    else if (flag === '--clicks') settings.clicks = number();
    else if (flag === '--ms-clicks') settings.msClicks = number();
    else if (flag === '--seed') settings.seed = number();
    else if (flag === '--latency') settings.latencyMs = number();
    else if (flag === '--token') {
      if (!value) throw new Error('--token needs a value');
      settings.token = value;
      i++;
    } else
      throw new Error(
        `unknown option ${flag} (use --port, --clicks, --ms-clicks, --token, --seed, --latency)`,
      );
  }
  return settings;
}

export function startFakeCopernica(settings: Partial<FakeApiSettings> = {}): Promise<FakeCopernica> {
  const s = { ...defaultFakeApiSettings, ...settings };
  return createFakeCopernica({
    port: s.port,
    tokens: [s.token],
    seed: s.seed,
    latencyMs: s.latencyMs,
    emailings: [
      { id: 1001, subject: 'Voorjaarsactie', sentAt: '2024-03-04 09:00:00', clicks: s.clicks },
      { id: 1002, subject: 'Nieuwsbrief maart – café & crème', sentAt: '2024-03-11 09:30:00', clicks: 1200 },
      { id: 1003, subject: 'Uitnodiging', sentAt: '2024-03-18 10:00:00', clicks: 35 },
    ],
    msEmailings: [
      { id: 1001, subject: 'Welkomstreeks (drag & drop)', sentAt: '2024-03-06 08:30:00', clicks: s.msClicks },
    ],
  });
}

async function main(): Promise<void> {
  let settings: FakeApiSettings;
  try {
    settings = parseFakeApiArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  let fake: FakeCopernica;
  try {
    fake = await startFakeCopernica(settings);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${settings.port} is in use; pick another with --port (0 = any free port).`
        : `Could not start the fake Copernica API: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  console.log(`Fake Copernica API at ${fake.url} (token: ${settings.token})`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
