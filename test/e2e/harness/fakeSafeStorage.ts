/**
 * Electron's safeStorage without Electron: a reversible scrambling that is not the plain text
 * (so a test can tell a token was "encrypted"), with a switch for the Linux basic_text backend
 * and one for "no encryption at all".
 */
import type { SafeStorageLike } from '../../../src/main/secrets';

export interface FakeSafeStorage extends SafeStorageLike {
  backend: string;
  available: boolean;
}

const PREFIX = 'fake-safe-storage:';

export function createFakeSafeStorage(backend = 'gnome_libsecret'): FakeSafeStorage {
  const fake: FakeSafeStorage = {
    backend,
    available: true,
    isEncryptionAvailable: () => fake.available,
    encryptString(plainText) {
      if (!fake.available) throw new Error('Encryption is not available.');
      return Buffer.from(PREFIX + Buffer.from(plainText, 'utf8').toString('hex'), 'utf8');
    },
    decryptString(encrypted) {
      const text = encrypted.toString('utf8');
      if (!fake.available || !text.startsWith(PREFIX))
        throw new Error('Error while decrypting the ciphertext.');
      return Buffer.from(text.slice(PREFIX.length), 'hex').toString('utf8');
    },
    getSelectedStorageBackend: () => fake.backend,
  };
  return fake;
}
