import { percentDecode } from './percent-decode.ts'

export interface SplitLabel {
  /** The issuer prefix, or '' when the label has none. */
  prefix: string
  account: string
}

/**
 * Splits an otpauth label into issuer prefix and account (otpauth-uri.md,
 * policy rule 5). `rawLabel` is still percent-encoded; `+` in it is literal.
 *
 * When the issuer parameter is known and the decoded label starts with it and a
 * colon, split there: that keeps issuers with an encoded colon in one piece
 * (`Text%3A%20More%20Text:Secret`, pyotp issue #174). Otherwise the first `:` or
 * `%3A` separates, as in Google's grammar (`issuer (":" / "%3A") *"%20" account`).
 */
export function splitLabel(rawLabel: string, issuerParam: string): SplitLabel {
  const decode = (text: string) => percentDecode(text, { plusAsSpace: false, what: 'the label' })
  const label = decode(rawLabel)
  if (issuerParam !== '' && label.startsWith(`${issuerParam}:`)) {
    return { prefix: issuerParam, account: label.slice(issuerParam.length + 1).trim() }
  }
  const separator = /:|%3a/i.exec(rawLabel)
  if (!separator) return { prefix: '', account: label.trim() }
  return {
    prefix: decode(rawLabel.slice(0, separator.index)).trim(),
    account: decode(rawLabel.slice(separator.index + separator[0].length)).trim(),
  }
}
