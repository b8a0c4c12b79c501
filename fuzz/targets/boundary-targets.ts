/** The background's check of accounts arriving from the import page (runtime messages are untrusted input too). */
import { fromTransferred, toTransferred } from '../../src/core/accounts/transfer-account.ts'
import { FIXTURE_ENTRIES } from '../../test/support/plain-fixtures.ts'
import { defineTarget, PARSER_TIME_LIMIT_MS } from '../fuzz-target.ts'
import { valueInputArb } from '../input-arbitraries.ts'

export const BOUNDARY_TARGETS = [
  defineTarget<unknown>({
    name: 'transfer-account',
    entry: 'fromTransferred',
    timeLimitMs: PARSER_TIME_LIMIT_MS,
    weight: 1,
    ciRuns: 800,
    prepare: async (size) => ({
      arbitrary: valueInputArb(
        FIXTURE_ENTRIES.map((e) => JSON.parse(JSON.stringify(toTransferred({ ...e, sites: ['example.com'] }))) as unknown),
        size,
      ),
      run: (value) => fromTransferred(value, 'Account 1'),
      sizeOf: (v) => JSON.stringify(v)?.length ?? 0,
    }),
  }),
]
