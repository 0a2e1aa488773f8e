import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, firstInvalid } from '../../src/renderer/src/accounts/accountFormErrors';
import { AddAccountInput } from '../../src/shared/schemas/accounts';

function errorsFor(input: Record<string, unknown>) {
  const checked = AddAccountInput.safeParse(input);
  expect(checked.success).toBe(false);
  return fieldErrorsOf(checked.success ? [] : checked.error.issues);
}

describe('the account form says each problem at its field', () => {
  it('an empty form: a name and a token, in words, no field or method names', () => {
    const errors = errorsFor({ label: '  ', token: '' });
    expect(errors.label).toBe('Give the account a name.');
    expect(errors.token).toMatch(/^Paste the access token of this account/);
    expect(errors.other).toBeUndefined();
    expect(firstInvalid(errors)).toBe('label');
    for (const message of [errors.label, errors.token])
      expect(message).not.toMatch(/addAccount|label:|token:|Invalid input/);
  });

  it('a short token only: the token field, which gets the focus', () => {
    const errors = errorsFor({ label: 'Fietsenwinkel', token: 'abc' });
    expect(errors).toEqual({ token: 'That access token is too short: copy all of it from Copernica.' });
    expect(firstInvalid(errors)).toBe('token');
  });

  it('an unknown time zone has no field of its own: the form says it once', () => {
    const errors = errorsFor({ label: 'Fietsenwinkel', token: 'good-token-123', timeZone: 'Mars/Olympus' });
    expect(errors).toEqual({ other: 'Choose a time zone from the list.' });
  });
});
