import { KeyfobError, type ErrorCode } from '../errors.ts'
import { quote } from './quote.ts'

export interface PercentDecodeOptions {
  /**
   * Form decoding: `+` means a space. True for otpauth query values (policy
   * rule 4: `issuer=Air+Canada`), false for the label, where `+` is literal, and
   * for migration `data`, where a raw `+` is a base64 character.
   */
  plusAsSpace: boolean
  /** What the text is, for the error message ("the label", "the 'issuer' parameter"). */
  what: string
  /** Error code to throw; INVALID_URI unless the caller says otherwise. */
  code?: ErrorCode
}

/**
 * Strict RFC 3986 percent-decoding into UTF-8 text. A `%` not followed by two
 * hex digits, or escapes that are not valid UTF-8, are errors rather than being
 * passed through (otpauth-uri.md, policy rule 4).
 */
export function percentDecode(text: string, options: PercentDecodeOptions): string {
  const input = options.plusAsSpace ? text.replace(/\+/g, ' ') : text
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(input)
  if (bad) {
    throw new KeyfobError(
      options.code ?? 'INVALID_URI',
      `${capitalise(options.what)} has malformed percent-encoding: ${quote(input.slice(bad.index, bad.index + 3))}.`,
    )
  }
  try {
    // decodeURIComponent rejects overlong forms, surrogates and truncated sequences.
    return decodeURIComponent(input)
  } catch (cause) {
    throw new KeyfobError(
      options.code ?? 'INVALID_URI',
      `${capitalise(options.what)} has percent-encoded bytes that are not valid UTF-8.`,
      { cause },
    )
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
