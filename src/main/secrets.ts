/**
 * Access tokens, encrypted with Electron's safeStorage, in a file of their own in the user-data
 * folder (never in the SQLite cache, which the CLI and backups read). Only main reads the file;
 * the backend worker gets the decrypted tokens in memory, the renderer never sees one. Nothing
 * here logs a token: messages name account IDs only.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AppError } from '../shared/errors';
import type { TokenStorage } from '../shared/schemas/accounts';

/** The part of Electron's safeStorage used here, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export interface TokenStoreOptions {
  /** e.g. <userData>/tokens.json */
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  log: { warn(message: string, error?: unknown): void };
}

export interface TokenStore {
  /** Which safeStorage backend protects the tokens, and what to tell the user about it. */
  storage(): TokenStorage;
  /** Throws when this computer cannot encrypt a token at all (nothing would be saved). */
  assertCanStore(): void;
  /** True when saving would leave the token only obfuscated on disk (Linux basic_text): ask first. */
  needsConsentToSave(): boolean;
  save(accountId: number, token: string): Promise<void>;
  /**
   * Keeps the token in this process's memory only, until the app quits, and takes any saved
   * one of the account off the disk: what happens when the user does not agree to an
   * unencrypted token file. After a restart the account needs a token again.
   */
  keepForSession(accountId: number, token: string): Promise<void>;
  remove(accountId: number): Promise<void>;
  /**
   * Every token that can be decrypted, and those kept for the session; one that cannot be
   * decrypted (keyring changed) is skipped and logged.
   */
  loadAll(): Promise<{ accountId: number; token: string }[]>;
}

interface TokenFile {
  version: 1;
  /** Account ID → safeStorage ciphertext, base64. */
  tokens: Record<string, string>;
}

const BASIC_TEXT_WARNING =
  'No system keyring (such as GNOME Keyring or KWallet) is available, so access tokens are only ' +
  'obfuscated on disk, not encrypted: anyone who can read your files can read them. So a token ' +
  'is saved only if you agree when you enter it, and otherwise kept until Copernica Clicks quits. ' +
  'Install or unlock a keyring and restart Copernica Clicks to store tokens encrypted.';
const UNAVAILABLE_WARNING =
  'This computer offers Copernica Clicks no way to encrypt access tokens, so it cannot save them. ' +
  'On Linux, install or unlock a keyring (GNOME Keyring or KWallet) and restart the app.';

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const { file, safeStorage, log } = options;
  // Writes one after another, each from the file as the previous one left it.
  let queue: Promise<unknown> = Promise.resolve();
  // Account ID → token, for the session only (keepForSession); never written anywhere.
  const sessionTokens = new Map<number, string>();

  const backendName = (): string => {
    if (options.platform === 'darwin') return 'keychain';
    if (options.platform === 'win32') return 'dpapi';
    return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  };

  async function read(): Promise<TokenFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, tokens: {} };
      throw new AppError('io_error', `Cannot read the saved access tokens (${basename(file)}).`, {
        cause: error,
      });
    }
    try {
      const parsed = JSON.parse(text) as Partial<TokenFile>;
      const tokens = parsed.tokens && typeof parsed.tokens === 'object' ? parsed.tokens : {};
      return {
        version: 1,
        tokens: Object.fromEntries(Object.entries(tokens).filter(([, v]) => typeof v === 'string')),
      };
    } catch {
      log.warn(`The access token file ${file} is damaged; its tokens must be entered again.`);
      return { version: 1, tokens: {} };
    }
  }

  async function write(content: TokenFile): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, JSON.stringify(content), { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new AppError('io_error', 'Cannot save the access token in the user-data folder.', {
        cause: error,
      });
    }
  }

  function change(apply: (tokens: Record<string, string>) => void): Promise<void> {
    const next = queue.then(async () => {
      const content = await read();
      const before = JSON.stringify(content);
      apply(content.tokens);
      // Nothing to change, nothing written: forgetting a token never creates the file.
      if (JSON.stringify(content) !== before) await write(content);
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const store: TokenStore = {
    storage() {
      const backend = backendName();
      if (!safeStorage.isEncryptionAvailable())
        return { backend, secure: false, warning: UNAVAILABLE_WARNING };
      if (backend === 'basic_text' || backend === 'unknown') {
        return { backend, secure: false, warning: BASIC_TEXT_WARNING };
      }
      return { backend, secure: true, warning: null };
    },
    assertCanStore() {
      if (!safeStorage.isEncryptionAvailable()) throw new AppError('io_error', UNAVAILABLE_WARNING);
    },
    needsConsentToSave() {
      return safeStorage.isEncryptionAvailable() && !store.storage().secure;
    },
    async save(accountId, token) {
      store.assertCanStore();
      const encrypted = safeStorage.encryptString(token).toString('base64');
      sessionTokens.delete(accountId);
      return change((tokens) => {
        tokens[String(accountId)] = encrypted;
      });
    },
    keepForSession(accountId, token) {
      sessionTokens.set(accountId, token);
      return change((tokens) => {
        delete tokens[String(accountId)];
      });
    },
    remove(accountId) {
      sessionTokens.delete(accountId);
      return change((tokens) => {
        delete tokens[String(accountId)];
      });
    },
    async loadAll() {
      await queue;
      const { tokens } = await read();
      const loaded = [...sessionTokens].map(([accountId, token]) => ({ accountId, token }));
      if (Object.keys(tokens).length > 0 && !safeStorage.isEncryptionAvailable()) {
        log.warn('Saved access tokens cannot be decrypted: safeStorage is not available.');
        return loaded;
      }
      for (const [id, encrypted] of Object.entries(tokens)) {
        const accountId = Number(id);
        if (!Number.isSafeInteger(accountId) || accountId <= 0) continue;
        try {
          loaded.push({ accountId, token: safeStorage.decryptString(Buffer.from(encrypted, 'base64')) });
        } catch {
          // No error object: it could describe the ciphertext.
          log.warn(`The access token of account ${accountId} cannot be decrypted; it must be entered again.`);
        }
      }
      return loaded;
    },
  };
  return store;
}
