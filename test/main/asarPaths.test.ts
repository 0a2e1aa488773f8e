import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarUnpackedPath } from '../../src/main/asarPaths';

describe('asarUnpackedPath', () => {
  it('moves a path inside app.asar to app.asar.unpacked, the folder itself too', () => {
    const resources = join(sep, 'opt', 'Copernica Clicks', 'resources');
    expect(asarUnpackedPath(join(resources, 'app.asar', 'out', 'main', 'backendWorker.js'))).toBe(
      join(resources, 'app.asar.unpacked', 'out', 'main', 'backendWorker.js'),
    );
    expect(asarUnpackedPath(join(resources, 'app.asar'))).toBe(join(resources, 'app.asar.unpacked'));
  });

  it('leaves a path outside an asar (a run from out/) and a look-alike name as they are', () => {
    const fromSources = join(sep, 'work', 'app', 'out', 'main', 'backendWorker.js');
    expect(asarUnpackedPath(fromSources)).toBe(fromSources);
    const lookAlike = join(sep, 'work', 'my-app.asar', 'x.js');
    expect(asarUnpackedPath(lookAlike)).toBe(lookAlike);
  });
});
