/**
 * The account form's problems by field, from the contract's own check of what was entered. The
 * contract's messages are written for the user ("Give the account a name."); its field names
 * and method names are not, so they are never shown: each message goes to its field.
 */
import type { z } from 'zod';

export interface FieldErrors {
  label?: string;
  token?: string;
  /** A problem with no field of its own on the form (the time zone can only hold a listed one). */
  other?: string;
}

/** The fields in the order the form shows them: the first with a problem gets the focus. */
const fieldOrder = ['label', 'token'] as const;

export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path[0];
    // The first problem of a field is the one to fix first (an empty token is also too short).
    if (field === 'label' || field === 'token') errors[field] ??= issue.message;
    else if (field === 'timeZone') errors.other ??= 'Choose a time zone from the list.';
    else errors.other ??= 'Some of what was entered cannot be saved. Check the fields and try again.';
  }
  return errors;
}

export function firstInvalid(errors: FieldErrors): (typeof fieldOrder)[number] | null {
  return fieldOrder.find((field) => errors[field] !== undefined) ?? null;
}
