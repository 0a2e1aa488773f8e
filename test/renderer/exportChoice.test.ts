/**
 * The Export menus' memory of the last format and CSV options (export/exportChoice.tsx): shared
 * by every menu under one provider for the window's session, and fresh under another, where a
 * module-level variable would have carried it from one window, or test, to the next.
 */
import { type ComponentType, createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CsvOptions } from '../../src/shared/schemas/export';

interface ExportFormatChoice {
  format: 'xlsx' | 'csv';
  csv: CsvOptions;
}

/** The .tsx module, imported by a path this (DOM-less, JSX-less) TypeScript project does not follow. */
async function exportChoiceModule() {
  const path = join(import.meta.dirname, '../../src/renderer/src/export/exportChoice.tsx');
  return (await import(/* @vite-ignore */ path)) as {
    ExportChoiceProvider: ComponentType<{ children: ReactNode }>;
    useExportChoiceMemory(): { current: ExportFormatChoice };
  };
}

describe('ExportChoiceProvider', () => {
  beforeEach(() => vi.stubGlobal('navigator', { language: 'nl-NL' }));
  afterEach(() => vi.unstubAllGlobals());

  it('hands every menu under it the same memory, starting from the locale’s CSV delimiter', async () => {
    const { ExportChoiceProvider, useExportChoiceMemory } = await exportChoiceModule();
    const seen: ExportFormatChoice[] = [];
    function FirstMenu() {
      const memory = useExportChoiceMemory();
      seen.push(memory.current);
      memory.current = { ...memory.current, format: 'csv' };
      return null;
    }
    function SecondMenu() {
      seen.push(useExportChoiceMemory().current);
      return null;
    }
    const drawWindow = () =>
      createElement(ExportChoiceProvider, {
        children: [createElement(FirstMenu, { key: 1 }), createElement(SecondMenu, { key: 2 })],
      });

    renderToStaticMarkup(drawWindow());
    expect(seen[0]).toEqual({ format: 'xlsx', csv: { delimiter: ';', bom: true, guardFormulas: true } });
    expect(seen[1]?.format).toBe('csv');

    renderToStaticMarkup(drawWindow());
    expect(seen[2]?.format).toBe('xlsx');
  });

  it('says so when a menu is drawn outside it', async () => {
    const { useExportChoiceMemory } = await exportChoiceModule();
    function Menu() {
      useExportChoiceMemory();
      return null;
    }
    expect(() => renderToStaticMarkup(createElement(Menu))).toThrow(/ExportChoiceProvider/);
  });
});
