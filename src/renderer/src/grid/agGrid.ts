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
  headerTextColor: '#677084',
  headerBackgroundColor: '#f9fafb',
  foregroundColor: '#1b2130',
  borderColor: '#e2e5eb',
  accentColor: '#2457d6',
  rowHoverColor: '#f5f7fb',
  selectedRowBackgroundColor: '#e8eefc',
  wrapperBorderRadius: 0,
  wrapperBorder: false,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 36,
});
