import { base64Decode } from '../encoding/base64.ts'
import { trimPadding } from '../encoding/trim-padding.ts'
import { KeyfobError } from '../errors.ts'

/**
 * Decodes the (already percent-decoded) `data` value of a migration URI with the
 * tolerance migration.md asks for: a space is a `+` that a form decoder mangled
 * (scito, dim13 do the same), URL-safe `-`/`_` are accepted, and `=` padding may
 * be present or missing. A length ≡ 1 (mod 4) cannot be base64 and is refused;
 * everything else is decoded strictly.
 */
export function decodeMigrationBase64(data: string): Uint8Array {
  const standard = trimPadding(data.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/'))
  if (standard.length % 4 === 1) {
    throw new KeyfobError('INVALID_MIGRATION', `The export data has an impossible base64 length (${standard.length}).`)
  }
  try {
    return base64Decode(standard)
  } catch (cause) {
    const detail = cause instanceof Error ? ` ${cause.message}` : ''
    throw new KeyfobError('INVALID_MIGRATION', `The export data is not valid base64.${detail}`, { cause })
  }
}
