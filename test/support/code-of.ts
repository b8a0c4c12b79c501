import { KeyfobError } from '../../src/core/errors.ts'

/**
 * The code of the KeyfobError `fn` throws, for comparing with toBe; anything
 * else comes back as a sentence, so a wrong outcome shows in the failure.
 */
export function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return e instanceof KeyfobError ? e.code : `not a KeyfobError: ${String(e)}`
  }
  return 'no error'
}
