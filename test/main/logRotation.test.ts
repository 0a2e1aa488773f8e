import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../src/main/log';
import { useTempDir } from '../helpers/tempDir';

const tempDir = useTempDir();

describe('the log file', () => {
  it('is set aside at its size bound and keeps only the newest set-aside files', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const folder = join(tempDir(), 'logs');
    const file = join(folder, 'main.log');
    const log = createFileLogger(file, { maxBytes: 200, keep: 3 });
    // Each line is about 60 bytes: three fit under 200, the fourth starts a new file.
    for (let line = 1; line <= 20; line++)
      log.warn(`line ${String(line).padStart(2, '0')} ${'x'.repeat(20)}`);
    await log.flush();

    expect(readdirSync(folder).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2', 'main.log.3']);
    for (const name of readdirSync(folder)) {
      expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(200);
      if (process.platform !== 'win32')
        expect((statSync(join(folder, name)).mode & 0o777).toString(8)).toBe('600');
    }
    // The newest lines are in main.log, the ones before them in .1, none lost in between.
    expect(readFileSync(file, 'utf8')).toContain('line 20');
    const kept = ['main.log.3', 'main.log.2', 'main.log.1', 'main.log']
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('')
      .match(/line \d\d/g);
    const first = Number(kept?.[0]?.slice(5));
    expect(kept).toEqual(
      Array.from({ length: 21 - first }, (_, i) => `line ${String(first + i).padStart(2, '0')}`),
    );
    expect(first).toBeGreaterThan(1);
  });
});
