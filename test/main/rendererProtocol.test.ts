import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionCsp } from '../../src/main/csp';
import { createRendererProtocolHandler, resolveRendererFile } from '../../src/main/rendererProtocol';

let base: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'copernica-clicks-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  serve = createRendererProtocolHandler(rendererDir);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the renderer with its content type and the CSP header', async () => {
    const response = await serve(new Request('app://renderer/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(productionCsp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>ok</title>');
  });

  it('serves index.html for the root and assets by path', async () => {
    expect(await (await serve(new Request('app://renderer/'))).text()).toContain('<title>ok</title>');
    const script = await serve(new Request('app://renderer/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(productionCsp);
  });

  it.each([
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/%2e%2e%2fsecret.txt',
    'app://other/index.html',
    'app://renderer/index.html%00.js',
  ])('refuses %s, which points outside the renderer', async (url) => {
    expect(resolveRendererFile(rendererDir, url)).toBeNull();
    const response = await serve(new Request(url));
    expect(response.status).toBe(403);
  });

  it('answers 404 for a missing file and for a folder', async () => {
    expect((await serve(new Request('app://renderer/missing.js'))).status).toBe(404);
    expect((await serve(new Request('app://renderer/assets'))).status).toBe(404);
  });

  it('answers GET only', async () => {
    expect(
      (await serve(new Request('app://renderer/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});
