import type { z } from 'zod';

/**
 * One `field: problem` per zod issue, so a message names what to fix. Values are left out on
 * purpose: inputs can hold access tokens, and these messages are logged and shown.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}
