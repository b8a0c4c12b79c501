/**
 * The one error type Keyfob throws. Every failure carries a code from a closed
 * list, each with one meaning, so callers can react to it precisely and the
 * person sees the sentence `error_<CODE>` from _locales (shared/error-text.ts);
 * `message` is a readable English sentence for logs and tests.
 *
 * Codes marked "(detail)" are families of parse and validation failures: their
 * sentence takes the English message as $1, because that message names what
 * exactly is at fault (a field, a character, a position), case by case.
 */

/**
 * The codes about one account's own data (its key, its parameters, its link),
 * not about the file, vault or page around it: an importer skips such an
 * account with its reason and reads on (import-collector.ts).
 */
export const ACCOUNT_ERROR_CODES = [
  // encodings and OTP parameters
  /** (detail) A secret key that cannot be decoded: a bad character, padding or length. */
  'INVALID_SECRET',
  /** (detail) A value outside what Keyfob accepts: digits, period, counter, a name, a site, KDF parameters… */
  'INVALID_PARAMETER',
  /** (detail) An OTP hash algorithm Keyfob does not compute (MD5, or an unknown name). */
  'UNSUPPORTED_ALGORITHM',
  /** (detail) An OTP type other than TOTP, HOTP and Steam, or a time-based request for an HOTP account. */
  'UNSUPPORTED_TYPE',
  // URIs and migration payloads
  /** (detail) Text that is not a usable otpauth:// (or otpauth-migration://) link. */
  'INVALID_URI',
  /** (detail) A Google Authenticator export whose payload cannot be read. */
  'INVALID_MIGRATION',
] as const

/** Every code: the account ones first, then the others by area. */
export const ERROR_CODES = [
  ...ACCOUNT_ERROR_CODES,
  // vault
  /** The vault is locked: unlock it first. */
  'VAULT_LOCKED',
  /** No vault yet: set Keyfob up first. */
  'VAULT_NOT_SET_UP',
  /** Setup was asked again on a device that has a vault. */
  'VAULT_EXISTS',
  /** The stored vault fails authentication or its shape is damaged. */
  'VAULT_CORRUPT',
  /** The vault was written by a newer Keyfob than this one. */
  'VAULT_TOO_NEW',
  /** A restore of the previous copy was asked, but the current vault opens. */
  'VAULT_NOT_DAMAGED',
  /** A restore of the previous copy was asked, but no previous copy is kept. */
  'NO_PREVIOUS_VAULT',
  /** The password does not open the vault (or the file). */
  'WRONG_PASSWORD',
  /** Too many wrong passwords: $1 = the seconds until the next try. */
  'THROTTLED',
  /** The new password is too short or too common. */
  'WEAK_PASSWORD',
  /** A password was added to a vault that already has one. */
  'PASSWORD_EXISTS',
  /** A password was used on a vault that has no password slot (a device-key vault). */
  'NO_PASSWORD_SLOT',
  /** A device key was used on a vault that has no device slot. */
  'NO_DEVICE_SLOT',
  /** Removing this slot would leave the vault with no way in: add a password first. */
  'LAST_SLOT',
  // passkeys (docs/vault-format.md, "Passkey slots")
  /** The authenticator made the passkey but cannot give it a PRF secret (the prf extension): it cannot unlock Keyfob. */
  'PASSKEY_NO_PRF',
  /** The person cancelled the passkey prompt, or it timed out. */
  'PASSKEY_CANCELLED',
  /** The passkey used is not one of this vault's passkeys (another authenticator or account). */
  'PASSKEY_UNKNOWN_CREDENTIAL',
  /** Passkeys cannot unlock Keyfob in this browser (Firefox lets an extension use only web domains as relying party). */
  'PASSKEY_UNSUPPORTED_BROWSER',
  /** The passkey's secret does not open its slot (a wrong secret, or the slot was altered): counts as a wrong password. */
  'PASSKEY_REFUSED',
  /** This passkey already unlocks Keyfob. */
  'PASSKEY_EXISTS',
  /** The vault holds the most passkeys it can (10). */
  'TOO_MANY_PASSKEYS',
  // sync (docs/sync.md)
  /** (detail) The remote sync header's shape is damaged, or a key slot in it unwraps to something that is not a key. */
  'SYNC_HEADER_CORRUPT',
  /** The remote sync data was written in a newer sync format than this Keyfob reads. */
  'SYNC_TOO_NEW',
  /** The sync passphrase does not open the remote sync header (apart from the vault password, so it is throttled apart). */
  'WRONG_SYNC_PASSPHRASE',
  /** (detail) A typed recovery key that is not one: a wrong character, a wrong length, or a failed checksum (a typo). */
  'INVALID_RECOVERY_KEY',
  /** A well-formed recovery key (its checksum holds) that does not open the remote sync header: another sync's key. */
  'WRONG_RECOVERY_KEY',
  /** A synced account record fails authentication or its shape is damaged: altered, moved, or from another sync space. */
  'SYNC_RECORD_CORRUPT',
  // accounts
  /** The account was deleted meanwhile (another window, an undo). */
  'ACCOUNT_NOT_FOUND',
  /** An undo of a deletion came too late (the vault locked, or it was undone already). */
  'UNDO_EXPIRED',
  // import and export
  /** (detail) A file that is not in a format Keyfob imports. */
  'UNSUPPORTED_FORMAT',
  /** (detail) A file in a known format whose content is malformed or fails authentication. */
  'INVALID_FILE',
  /** The file to import is encrypted and no password was given. */
  'PASSWORD_REQUIRED',
  /** The file's key derivation needs more memory than this browser can give: $1 = the MiB it asks for. */
  'NOT_ENOUGH_MEMORY',
  /** An encrypted export was asked for without a password for the file. */
  'EXPORT_PASSWORD_REQUIRED',
  /** An unencrypted export was asked for without the person's go-ahead. */
  'PLAINTEXT_NOT_ACCEPTED',
  // QR scanning
  /** (detail) An image Keyfob cannot read: not an image, unreachable, too large or empty. */
  'INVALID_IMAGE',
  /** The box the person dragged lies outside the visible page. */
  'REGION_OUTSIDE_PAGE',
  /** A scan's Add came after the scan expired (or from another tab). */
  'SCAN_EXPIRED',
  /** The popup asked for the region picker on a page Keyfob does not run on (or that is gone). */
  'PICKER_UNAVAILABLE',
  // the computer's clock
  /** A clock correction was asked, but no two sites agree on one right now. */
  'CLOCK_NOT_AGREED',
  /** The clock correction the sites agree on is larger than Keyfob applies on its own. */
  'CLOCK_CORRECTION_TOO_LARGE',
  // autofill
  /** The account is not bound to the site: $1 = the account's name, $2 = the site. */
  'SITE_MISMATCH',
  /** The page cannot be filled (no page, or not one Keyfob runs on). */
  'NO_OTP_FIELD',
  /** The code field is faded or covered by the page around it, so nothing was filled. */
  'FIELD_HIDDEN',
  /** The code was already used on this site, and the next one is too far off to wait for. */
  'CODE_ALREADY_USED',
  /** The code has more characters than the field (or its boxes) takes. */
  'CODE_DOES_NOT_FIT',
  /** A framed fill's go-ahead came after it expired. */
  'FILL_EXPIRED',
  /** A pick in the page's account picker came after it expired. */
  'CHOICE_EXPIRED',
  /** Keyfob's list of public suffixes (which site a page belongs to) could not be loaded: nothing is matched without it. */
  'SITE_LIST_UNAVAILABLE',
  // sync
  /** The sync server refused the user name or app password. */
  'SYNC_AUTH_REFUSED',
  /** The sync server could not be reached, or did not answer in time. */
  'SYNC_UNREACHABLE',
  /** The sync folder does not exist on the server. */
  'SYNC_FOLDER_NOT_FOUND',
  /** The sync place (server or browser sync storage) is full. */
  'SYNC_STORAGE_FULL',
  /** (detail) The server answered something that is not what a WebDAV server answers (or the answer was cut off). */
  'SYNC_BAD_RESPONSE',
  /** Other devices kept writing at the same time and Keyfob's retries ran out; nothing was lost. */
  'SYNC_CONFLICT',
  /** The browser's permission to reach the sync server was not granted. */
  'SYNC_PERMISSION_DENIED',
  /** The vault does not fit in the browser's sync storage: $1 = how many accounts fit, $2 = how many there are. */
  'SYNC_TOO_BIG',
  /** (detail) A synced account failed its integrity check (altered, swapped, replayed or contradicting) and was not applied. */
  'SYNC_RECORD_REJECTED',
  /** Sync was to be set up in a place that already holds Keyfob sync data: join it instead. */
  'SYNC_SPACE_EXISTS',
  /** A device tried to join sync in a place that holds no Keyfob sync data yet. */
  'SYNC_NO_SPACE',
  // messaging
  /** (detail) A request whose shape or values are wrong (a bug or a forged message). */
  'INVALID_MESSAGE',
  /** A request from a context that may not make it. */
  'FORBIDDEN_SENDER',
  /** The background stopped (or died) before it answered: the request may or may not have been done. */
  'BACKGROUND_STOPPED',
  /** Keyfob was reloaded or updated under this page: its content script can no longer reach it. */
  'EXTENSION_RELOADED',
  /** An unexpected failure inside Keyfob. */
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export class KeyfobError extends Error {
  override readonly name = 'KeyfobError'
  /** The input field at fault, when a form can show the message beside it. */
  readonly field?: string
  /** The values of the code's sentence ($1, $2…), where it names one (THROTTLED's seconds…). */
  readonly values?: string[]
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; field?: string; values?: string[] },
  ) {
    super(message, options)
    // Kept short: this class loads with every popup open (its size budget).
    this.field = options?.field
    this.values = options?.values
  }
}

export function isKeyfobError(e: unknown, code?: ErrorCode): e is KeyfobError {
  return e instanceof KeyfobError && (code === undefined || e.code === code)
}
