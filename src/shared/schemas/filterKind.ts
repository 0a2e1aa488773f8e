import { z } from 'zod';

/** The kinds of AG Grid filter a column can take (a column of no kind takes none). */
export const filterKind = z.enum(['text', 'number', 'date']);
export type FilterKind = z.infer<typeof filterKind>;
