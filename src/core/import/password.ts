/** The two password errors every encrypted format raises the same way. */
import { KeyfobError, isKeyfobError } from '../errors.ts'
import { FORMAT_NAMES, type FormatId, type ImportOptions } from './import-result.ts'

/**
 * Returns the password, or throws PASSWORD_REQUIRED. The format id is in
 * `cause` ({ format }) so the UI can name the app when it asks.
 */
export function requirePassword(format: FormatId, options: ImportOptions): string {
  const { password } = options
  if (typeof password !== 'string' || password === '') {
    throw new KeyfobError('PASSWORD_REQUIRED', `This ${FORMAT_NAMES[format]} backup is encrypted: enter its password.`, {
      cause: { format },
    })
  }
  return password
}

export function wrongPassword(format: FormatId): KeyfobError {
  return new KeyfobError('WRONG_PASSWORD', `The password does not open this ${FORMAT_NAMES[format]} backup.`, {
    cause: { format },
  })
}

/** The format a PASSWORD_REQUIRED or WRONG_PASSWORD error is about, if any. */
export function errorFormat(e: unknown): FormatId | undefined {
  if (!isKeyfobError(e) || typeof e.cause !== 'object' || e.cause === null) return undefined
  const format = (e.cause as { format?: unknown }).format
  return typeof format === 'string' && Object.hasOwn(FORMAT_NAMES, format) ? (format as FormatId) : undefined
}
