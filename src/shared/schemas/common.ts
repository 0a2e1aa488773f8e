import { z } from 'zod';
import { wallClockProblem } from '../wallClock';

export const id = z.number().int().positive();
/**
 * A wall-clock time as Copernica writes it, `YYYY-MM-DD HH:MM:SS`, in the account's time zone,
 * and one that exists: 2025-02-30 or hour 24 are refused here rather than matching no row.
 */
export const wallClock = z.string().superRefine((text, ctx) => {
  const problem = wallClockProblem(text);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
/** An instant as an ISO 8601 UTC string. */
export const isoInstant = z.string();
export const noInput = z.object({}).strict();

/** An IANA time zone name that this runtime knows. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Unknown time zone; use an IANA name such as Europe/Amsterdam.' },
  );
