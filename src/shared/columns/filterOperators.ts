/**
 * The operators of each filter kind, as AG Grid's Community filters name them: the grid offers
 * exactly these, the contract accepts exactly these, and the backend turns each into SQL.
 */
export const textFilterTypes = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
] as const;

export const numberFilterTypes = [
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
] as const;

/** AG Grid's date filter has no "or equal" operators. */
export const dateFilterTypes = [
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'inRange',
  'blank',
  'notBlank',
] as const;

export const filterTypes = {
  text: textFilterTypes,
  number: numberFilterTypes,
  date: dateFilterTypes,
} as const;
