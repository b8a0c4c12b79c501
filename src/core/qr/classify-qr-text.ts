/** What a decoded QR code holds, as far as a two-factor authenticator cares. */
export type QrTextKind = 'otpauth' | 'migration' | 'steam' | 'other'

export interface ClassifiedQrText {
  kind: QrTextKind
  text: string
}

/**
 * Sorts a decoded text by scheme. Only three schemes set up two-factor codes:
 * `otpauth://` (Key Uri Format), `otpauth-migration://` (Google Authenticator
 * export) and `steam://` (Bitwarden's Steam Guard form). Anything else (a web
 * link, a Wi-Fi code, a payment request) is 'other', which the UI shows as
 * "not a two-factor setup code". Like parseOtpauthUri and decodeMigrationUri
 * (policy rule 1), the scheme is case-insensitive and surrounding whitespace is
 * ignored; the text is returned unchanged, and whether it is well formed is
 * for those parsers to say, with their detailed errors.
 */
export function classifyQrText(text: string): ClassifiedQrText {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
  const kind: QrTextKind =
    scheme === 'otpauth' ? 'otpauth' : scheme === 'otpauth-migration' ? 'migration' : scheme === 'steam' ? 'steam' : 'other'
  return { kind, text }
}
