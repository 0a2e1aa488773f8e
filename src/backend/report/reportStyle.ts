/** The report's language and number format, checked, with their defaults. */
import { AppError } from '../../shared/errors';
import { type ReportStyle, ReportStyleSchema } from '../../shared/schemas/report';

export type ParsedStyle = ReturnType<typeof ReportStyleSchema.parse>;

export function parseStyle(style: ReportStyle | undefined): ParsedStyle {
  const parsed = ReportStyleSchema.safeParse(style ?? {});
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `The report's language or format is not valid: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}
