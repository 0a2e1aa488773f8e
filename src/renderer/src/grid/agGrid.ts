/**
 * AG Grid for the whole window: only the Community modules the views use (the infinite row
 * model for clicks and profiles, the client-side model that is part of the core for links, the
 * three provided filters, and the API calls the column chooser, state and benchmark make), and
 * one theme that matches the app's own colours.
 */
import {
  CellStyleModule,
  ColumnApiModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RowApiModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  CellStyleModule,
  TooltipModule,
]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  // The design tokens (styles/tokens.css), so the grid follows the theme with the rest; the
  // page's color-scheme (not the grid's own 'light') is what picks their light or dark values.
  browserColorScheme: 'inherit',
  backgroundColor: 'var(--surface)',
  headerTextColor: 'var(--text-muted)',
  headerBackgroundColor: 'var(--surface-alt)',
  foregroundColor: 'var(--text)',
  borderColor: 'var(--border)',
  accentColor: 'var(--accent)',
  rowHoverColor: 'var(--grid-row-hover)',
  selectedRowBackgroundColor: 'var(--accent-soft)',
  wrapperBorderRadius: 0,
  wrapperBorder: false,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 36,
});

/**
 * A grid is one stop of the Tab order, as a table of a desktop app is: arrow keys move inside
 * it, Tab and Shift+Tab leave it (AG Grid's default walks every cell, some sixty presses through
 * a view). `false` hands the key back to the browser.
 */
export const oneTabStop = {
  tabToNextCell: () => false,
  tabToNextHeader: () => false,
} as const;
