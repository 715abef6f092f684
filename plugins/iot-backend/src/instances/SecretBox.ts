import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomInt,
} from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals deployment secrets (generated passwords) with AES-256-GCM before
 * they reach the database, and opens them for the instance's owner. A
 * sealed value is `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), the key
 * id being the start of the key's SHA-256, so a value sealed with another
 * key is refused with a message that says so rather than as garbage.
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly keyId: string;

  /** `key`: 32 bytes, or any text of at least 16 characters (hashed to 32 bytes). */
  constructor(key: Buffer | string) {
    if (typeof key === 'string') {
      if (key.length < 16) {
        throw new Error(
          'iot.deployments.secretKey must be at least 16 characters; generate one with `openssl rand -base64 32`',
        );
      }
      this.key = createHash('sha256').update(key, 'utf8').digest();
    } else {
      if (key.length !== 32) {
        throw new Error(`a secret key must be 32 bytes, got ${key.length}`);
      }
      this.key = key;
    }
    this.keyId = createHash('sha256')
      .update(this.key)
      .digest('hex')
      .slice(0, 8);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return [
      VERSION,
      this.keyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || ciphertext === undefined) {
      throw new Error('not a sealed deployment secret');
    }
    if (keyId !== this.keyId) {
      throw new Error(
        `the deployment secret was sealed with another key (id ${keyId}, this backend has ${this.keyId}); configure iot.deployments.secretKey as it was when the instance was created`,
      );
    }
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key,
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  sealJson(value: Record<string, string>): string {
    return this.seal(JSON.stringify(value));
  }

  openJson(sealed: string): Record<string, string> {
    return JSON.parse(this.open(sealed));
  }
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '@#%^*-_+=';

/**
 * A password that cloud password rules accept (8-32 characters with lower
 * and upper case letters, digits and symbols): 20 characters, at least one
 * of each class, without look-alikes (l, I, O, 0, 1).
 */
export function generatePassword(length = 20): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map(
    set => set[randomInt(set.length)],
  );
  while (chars.length < length) {
    chars.push(all[randomInt(all.length)]);
  }
  // Fisher-Yates, so the guaranteed classes are not always in front
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * The secret box of the deployments: sealed with `iot.deployments.secretKey`,
 * or, when that is not configured, with a key generated once into the
 * database (a warning says so: then whoever reads the database can open
 * the secrets).
 */
export async function createSecretBox(options: {
  config: Config;
  generatedKey: () => Promise<Buffer>;
  logger: LoggerService;
}): Promise<SecretBox> {
  const configured = options.config.getOptionalString(
    'iot.deployments.secretKey',
  );
  if (configured !== undefined) {
    return new SecretBox(configured);
  }
  options.logger.warn(
    'iot.deployments.secretKey is not set: generated deployment passwords are sealed with a key kept in the plugin database; configure a key (e.g. from `openssl rand -base64 32`) in production',
  );
  return new SecretBox(await options.generatedKey());
}
