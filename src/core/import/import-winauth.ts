/**
 * WinAuth exports (backup-formats.md, "WinAuth"; WinAuth `ToUrl`,
 * `ExportAuthenticators`): text of otpauth:// lines, or a ZIP holding that
 * text, encrypted with ZipCrypto when the person gave a password. WinAuth's
 * own meanings are applied: the issuer "Steam" is a Steam Guard account, and
 * an HOTP `counter` is the last one used, so the next code is counter + 1
 * (the spec's recommendation, which the import says in a warning). Steam's
 * `deviceid`/`data` (WinAuth's Steam state, secrets included) and the skin
 * `icon` are dropped, never kept as extra parameters.
 */
import { KeyfobError } from '../errors.ts'
import { checkCounter } from '../uri/otp-parameters.ts'
import { parseOtpauthUri } from '../uri/parse-otpauth-uri.ts'
import { ImportCollector } from './import-collector.ts'
import type { ImportOptions, ImportResult } from './import-result.ts'
import { entryFromUri } from './make-entry.ts'
import { requirePassword, wrongPassword } from './password.ts'
import { decodeText } from './read-json.ts'
import { isEncrypted, listZipEntries, readZipEntry } from './zip-archive.ts'

const FORMAT = 'winauth'
const DROPPED = ['deviceid', 'data', 'icon', 'serial']

/** WinAuth writes `&icon=<skin>` into its lines; no other exporter does. */
export function looksLikeWinAuth(text: string): boolean {
  // Leading blanks of one line only (not \s*, which rescans every following blank line: quadratic).
  return /^[^\S\n\r\u2028\u2029]*otpauth:\/\/(totp|hotp)\/[^\r\n]*[?&]icon=/im.test(text)
}

/** The `.txt` entries of a WinAuth ZIP (WinAuth reads every entry ending in .txt). */
function winAuthZipEntries(bytes: Uint8Array) {
  return listZipEntries(bytes).filter((e) => /\.txt$/i.test(e.name))
}

export async function importWinAuthZip(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const entries = winAuthZipEntries(bytes)
  if (entries.length === 0) throw new KeyfobError('INVALID_FILE', 'The WinAuth ZIP archive holds no .txt file.')
  const password = entries.some(isEncrypted) ? requirePassword(FORMAT, options) : undefined
  const texts: string[] = []
  for (const entry of entries) {
    const plain = await readZipEntry(bytes, entry, password)
    if (plain === null) throw wrongPassword(FORMAT)
    texts.push(decodeText(plain, `'${entry.name.slice(0, 80)}' in the ZIP archive`))
  }
  return importWinAuthText(texts.join('\n'))
}

export function importWinAuthText(text: string): ImportResult {
  const collector = new ImportCollector(FORMAT)
  let lineNo = 0
  let hotp = 0
  for (const raw of text.split(/\r\n|\n|\r/)) {
    lineNo++
    const line = raw.trim()
    if (line === '') continue
    const where = `Line ${lineNo}`
    if (!/^otpauth:\/\//i.test(line)) {
      collector.skip(where, 'The line is not an otpauth:// URI.')
      continue
    }
    collector.attempt(where, () => {
      // WinAuth marks Steam by its issuer alone (digits=5 on a totp line).
      const steam = /[?&]issuer=steam(&|$)/i.test(line)
      const parsed = parseOtpauthUri(steam ? `${line}&encoder=steam` : line)
      if (parsed.extra) {
        for (const key of DROPPED) delete parsed.extra[key]
        if (Object.keys(parsed.extra).length === 0) delete parsed.extra
      }
      if (parsed.type === 'hotp') {
        parsed.counter += 1n
        checkCounter(parsed.counter)
        hotp++
      }
      return entryFromUri(parsed)
    })
  }
  if (hotp > 0) {
    collector.warn(
      'WinAuth exports the last HOTP counter it used, so Keyfob starts each HOTP account at the next one (counter + 1), ' +
        'the code WinAuth would show next. If a code is refused, use the account’s previous code.',
    )
  }
  return collector.result()
}
