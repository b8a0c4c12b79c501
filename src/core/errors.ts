/**
 * The one error type Keyfob throws. Every failure carries a code from a closed
 * string-literal union so callers (and the popup's `_locales` lookup) can react
 * to it precisely; `message` is a readable English sentence for logs and tests.
 */
export type ErrorCode =
  // encodings and OTP parameters
  | 'INVALID_SECRET'
  | 'INVALID_PARAMETER'
  | 'UNSUPPORTED_ALGORITHM'
  | 'UNSUPPORTED_TYPE'
  // URIs and migration payloads
  | 'INVALID_URI'
  | 'INVALID_MIGRATION'
  // vault
  | 'VAULT_LOCKED'
  | 'VAULT_NOT_SET_UP'
  | 'VAULT_EXISTS'
  | 'VAULT_CORRUPT'
  | 'VAULT_TOO_NEW'
  | 'WRONG_PASSWORD'
  | 'THROTTLED'
  | 'WEAK_PASSWORD'
  | 'NOT_FOUND'
  | 'DUPLICATE'
  // imports
  | 'UNSUPPORTED_FORMAT'
  | 'INVALID_FILE'
  | 'PASSWORD_REQUIRED'
  // QR scanning
  | 'INVALID_IMAGE'
  | 'SCAN_EXPIRED'
  // autofill
  | 'SITE_MISMATCH'
  | 'NO_OTP_FIELD'
  | 'FIELD_HIDDEN'
  // messaging
  | 'INVALID_MESSAGE'
  | 'FORBIDDEN_SENDER'
  /** The background stopped (or died) before it answered: the request may or may not have been done. */
  | 'BACKGROUND_STOPPED'
  /** Keyfob was reloaded or updated under this page: its content script can no longer reach it. */
  | 'EXTENSION_RELOADED'
  | 'INTERNAL'

export class KeyfobError extends Error {
  override readonly name = 'KeyfobError'
  /** The input field at fault, when a form can show the message beside it. */
  readonly field?: string
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; field?: string },
  ) {
    super(message, options)
    if (options?.field !== undefined) this.field = options.field
  }
}

export function isKeyfobError(e: unknown, code?: ErrorCode): e is KeyfobError {
  return e instanceof KeyfobError && (code === undefined || e.code === code)
}
