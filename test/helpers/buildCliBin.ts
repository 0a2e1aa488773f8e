/**
 * Vitest global setup: compiles the command-line tool once per run (scripts/build-cli.mjs, as
 * `npm install` does), so the tests run the `bin` a user runs, built from the code under test.
 */
import { execFileSync } from 'node:child_process';

export default function buildCliBin(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
