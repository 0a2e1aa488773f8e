/**
 * The fake Copernica API's settings and sample emailings, for `copernica-clicks fake-api` (a
 * process, for development and benchmarks: src/cli/fakeApiCommand.ts), the demo and the tests:
 * startFakeCopernica() with the same settings.
 */
import { createFakeCopernica, type FakeCopernica } from './server';
import type { FakeEmailingSpec } from './data';

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

/** The emailings the fake serves: the main one with `clicks` clicks, two small ones beside it. */
export function sampleEmailings(clicks: number): FakeEmailingSpec[] {
  return [
    { id: 1001, subject: 'Voorjaarsactie', sentAt: '2024-03-04 09:00:00', clicks },
    { id: 1002, subject: 'Nieuwsbrief maart – café & crème', sentAt: '2024-03-11 09:30:00', clicks: 1200 },
    { id: 1003, subject: 'Uitnodiging', sentAt: '2024-03-18 10:00:00', clicks: 35 },
  ];
}

/** The Marketing Suite emailing of the sample data: the same ID as a Publisher one, on purpose. */
export function sampleMsEmailings(clicks: number): FakeEmailingSpec[] {
  return [{ id: 1001, subject: 'Welkomstreeks (drag & drop)', sentAt: '2024-03-06 08:30:00', clicks }];
}

export function startFakeCopernica(settings: Partial<FakeApiSettings> = {}): Promise<FakeCopernica> {
  const s = { ...defaultFakeApiSettings, ...settings };
  return createFakeCopernica({
    port: s.port,
    tokens: [s.token],
    seed: s.seed,
    latencyMs: s.latencyMs,
    emailings: sampleEmailings(s.clicks),
    msEmailings: sampleMsEmailings(s.msClicks),
  });
}
