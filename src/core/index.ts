/**
 * Keyfob's pure core: everything here runs unchanged in Node (tests) and in the
 * extension, with no browser API but WebCrypto.
 */
export * from './errors.ts'
export * from './types.ts'
export * from './otp/index.ts'
export * from './uri/index.ts'
