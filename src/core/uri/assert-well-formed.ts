import { KeyfobError } from '../errors.ts'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Throws INVALID_PARAMETER when `text` holds an unpaired UTF-16 surrogate.
 * Such a string has no UTF-8 form: encodeURIComponent() would throw a bare
 * URIError and TextEncoder would silently write U+FFFD, changing the name.
 */
export function assertWellFormed(text: string, what: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new KeyfobError('INVALID_PARAMETER', `The ${what} contains a broken character (an unpaired UTF-16 surrogate).`)
  }
}
