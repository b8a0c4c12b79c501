/**
 * Text and JSON decoding with the bounds of limits.ts. JSON.parse has no depth
 * limit and throws SyntaxError/RangeError; both become INVALID_FILE here so a
 * parser's caller only ever sees a KeyfobError.
 */
import { KeyfobError } from '../errors.ts'
import { MAX_FILE_BYTES, MAX_JSON_DEPTH } from './limits.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

export function checkFileSize(bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array)) throw new KeyfobError('INVALID_FILE', 'The file contents are not bytes.')
  if (bytes.length > MAX_FILE_BYTES) {
    throw new KeyfobError('INVALID_FILE', `The file is too large (${bytes.length} bytes; the limit is ${MAX_FILE_BYTES}).`)
  }
}

/** UTF-8 text (a leading BOM is dropped), or null when the bytes are not UTF-8. */
export function tryDecodeText(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}

export function decodeText(bytes: Uint8Array, what = 'The file'): string {
  checkFileSize(bytes)
  const text = tryDecodeText(bytes)
  if (text === null) throw new KeyfobError('INVALID_FILE', `${what} is not UTF-8 text.`)
  return text
}

/**
 * Parses JSON after checking, in one linear pass outside strings, that arrays
 * and objects nest at most MAX_JSON_DEPTH deep.
 */
export function parseJson(text: string, what = 'The file'): unknown {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new KeyfobError('INVALID_FILE', `${what} nests deeper than ${MAX_JSON_DEPTH} levels.`)
      }
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw new KeyfobError('INVALID_FILE', `${what} is not valid JSON.`, { cause })
  }
}

export function parseJsonBytes(bytes: Uint8Array, what = 'The file'): unknown {
  return parseJson(decodeText(bytes, what), what)
}
