import { expect } from 'vitest'
import { isKeyfobError, type ErrorCode } from '../../src/core/errors.ts'

/** An asymmetric matcher for `toThrow` and `rejects.toThrow`: a KeyfobError with `code` (the message is free). */
export const keyfobError = (code: ErrorCode): unknown =>
  expect.toSatisfy((e: unknown) => isKeyfobError(e, code), `a KeyfobError with code ${code}`)
