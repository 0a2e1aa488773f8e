import { z } from 'zod';

export const id = z.number().int().positive();
/** A wall-clock time as Copernica writes it, `YYYY-MM-DD HH:MM:SS`, in the account's time zone. */
export const wallClock = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Use YYYY-MM-DD HH:MM:SS.');
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
