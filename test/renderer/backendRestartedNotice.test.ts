import { type ComponentType, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const rendererRoot = join(import.meta.dirname, '../../src/renderer/src');

describe('the notice that the backend restarted', () => {
  it('says what happened, what to do and where the details are, and can be dismissed', async () => {
    // A .tsx of the renderer's project, imported by a path this project does not type-check.
    const module = (await import(/* @vite-ignore */ join(rendererRoot, 'BackendRestartedNotice.tsx'))) as {
      BackendRestartedNotice: ComponentType<{ onDismiss(): void }>;
    };
    const html = renderToStaticMarkup(
      createElement(module.BackendRestartedNotice, { onDismiss: () => undefined }),
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('stopped and was started again');
    expect(html).toContain('try it again');
    expect(html).toContain('details are in the log');
    expect(html).toContain('aria-label="Dismiss"');
  });
});
