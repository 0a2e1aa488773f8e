/**
 * `fake-api`: the fake Copernica API (src/backend/fakeApi) as a process on this computer, to try
 * the tool and the app without an account; the benchmarks run it too. It prints the base URL,
 * the token and the emailing IDs it serves, and stops on Ctrl-C or SIGTERM.
 */
import {
  type FakeApiSettings,
  defaultFakeApiSettings,
  parseFakeApiArgs,
  sampleEmailings,
  startFakeCopernica,
} from '../backend/fakeApi/cli';
import type { FakeCopernica } from '../backend/fakeApi/server';
import { count } from './syncMessages';
import { TOOL, UsageError, wantsHelp } from './usage';

export const FAKE_API_HELP = `Usage: ${TOOL} fake-api [--port N] [--clicks N] [--token TOKEN] [--seed N] [--latency MS]

Serves a fake Copernica REST API on 127.0.0.1 until Ctrl-C: three Publisher emailings with
made-up clicks, the same data for the same seed. Sync from it with
  ${TOOL} sync --base-url http://127.0.0.1:PORT/v2 --token TOKEN --emailing 1001 --db demo.db

  --port N       port to listen on, default ${defaultFakeApiSettings.port} (0: any free port)
  --clicks N     clicks of emailing 1001, default ${defaultFakeApiSettings.clicks.toLocaleString('en-US')}
  --token TOKEN  the access token it accepts, default ${defaultFakeApiSettings.token}
  --seed N       seed of the made-up data, default ${defaultFakeApiSettings.seed}
  --latency MS   delay before each answer, default 0
  --help         this text`;

export async function fakeApiCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(`${FAKE_API_HELP}\n`);
    return 0;
  }
  let settings: FakeApiSettings;
  try {
    settings = parseFakeApiArgs(args);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}.`);
  }
  let fake: FakeCopernica;
  try {
    fake = await startFakeCopernica(settings);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `${TOOL}: ${
        code === 'EADDRINUSE'
          ? `port ${settings.port} is in use; pick another with --port (0 = any free port).`
          : `could not start the fake Copernica API: ${(error as Error).message}`
      }\n`,
    );
    return 1;
  }
  const emailings = sampleEmailings(settings.clicks)
    .map((e) => `${e.id} (${count(e.clicks, 'click')})`)
    .join(', ');
  process.stdout.write(
    `Fake Copernica API at ${fake.url} (token: ${settings.token})\nEmailings: ${emailings}\n`,
  );
  // A signal is how a server is meant to end: exit 0.
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve()).once('SIGTERM', () => resolve());
  });
  await fake.close();
  return 0;
}
