/**
 * What every importer returns. Importers never change the vault: the caller
 * shows the result, then adds `entries` as new accounts (tags, pinned and note
 * map onto `StoredAccount`, see ../vault/vault-content.ts).
 */
import type { AccountFields } from '../types.ts'

/** One id per foreign file family; `detectFormat` returns one of these. */
export type FormatId =
  | 'otpauth-uri-list'
  | 'google-migration'
  | 'aegis'
  | 'two-fas'
  | 'andotp'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | 'authenticator-extension'
  | 'ente-encrypted'
  | 'freeotp-plus'
  | 'lastpass'
  | 'proton-authenticator'
  | 'steam'
  | 'raivo'
  | 'authenticator-pro'
  | 'freeotp'
  | 'totp-authenticator'
  | 'winauth'

/** English names for messages; the popup may map the id to a translated name instead. */
export const FORMAT_NAMES: Readonly<Record<FormatId, string>> = {
  'otpauth-uri-list': 'otpauth:// URI list',
  'google-migration': 'Google Authenticator export',
  aegis: 'Aegis',
  'two-fas': '2FAS',
  andotp: 'andOTP',
  'bitwarden-json': 'Bitwarden (JSON)',
  'bitwarden-csv': 'Bitwarden (CSV)',
  'authenticator-extension': 'Authenticator extension (authenticator.cc)',
  'ente-encrypted': 'Ente Auth (encrypted)',
  'freeotp-plus': 'FreeOTP+',
  lastpass: 'LastPass Authenticator',
  'proton-authenticator': 'Proton Authenticator',
  steam: 'Steam mobile authenticator',
  raivo: 'Raivo OTP',
  'authenticator-pro': 'Authenticator Pro (Stratum)',
  freeotp: 'FreeOTP',
  'totp-authenticator': 'TOTP Authenticator',
  winauth: 'WinAuth',
}

/** An account ready to be stored: groups/folders became tags, favourites became pinned. */
export type ImportedEntry = AccountFields & {
  tags: string[]
  pinned: boolean
  note?: string
}

/** An account the file holds but Keyfob cannot take as it is (mOTP, MD5, no secret…). */
export interface SkippedEntry {
  /** What the user would recognise: "Issuer (account)", or "Entry 3" when nameless. */
  name: string
  reason: string
}

export interface ImportResult {
  format: FormatId
  entries: ImportedEntry[]
  skipped: SkippedEntry[]
  /** Anything the import assumed or dropped that the user should know about. */
  warnings: string[]
}

export interface ImportOptions {
  password?: string
  fileName?: string
}
