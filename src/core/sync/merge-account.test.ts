import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { RECORD_IDS, hlcArb, identityOf, recordArb, recordSetArb, stateArb } from '../../../test/support/sync-arbitraries.ts'
import { compareHlc } from './hlc.ts'
import { collectGarbage, compactAccount, mergeAccountState, mergeRecord } from './merge-account.ts'
import type { AccountState, Hlc, SyncRecord, Tombstone } from './sync-state.ts'
import { DELETED_FIELDS_KEEP_MS, TOMBSTONE_KEEP_MS, isTombstone } from './sync-state.ts'

const ID = RECORD_IDS[1]
const at = (wall: number, count = 0, device = 'device-a'): Hlc => ({ wall, count, device })
const DAY = 24 * 60 * 60 * 1000

function state(overrides: Partial<AccountState> = {}): AccountState {
  const c = at(1)
  return {
    id: ID,
    ...identityOf(ID),
    issuer: { value: 'ACME', at: c },
    account: { value: 'alice', at: c },
    tags: { value: [], at: c },
    pinned: { value: false, at: c },
    order: { value: 0, at: c },
    sites: { value: [], at: c },
    counter: '0',
    deleted: { value: false, at: c },
    ...overrides,
  }
}
const tombstone = (wall: number): Tombstone => ({ id: ID, deleted: { value: true, at: at(wall) } })

describe('mergeAccountState', () => {
  it('takes each register from the later write, field by field', () => {
    const a = state({ issuer: { value: 'A', at: at(5) }, account: { value: 'a', at: at(2) } })
    const b = state({ issuer: { value: 'B', at: at(4, 0, 'device-b') }, account: { value: 'b', at: at(3, 0, 'device-b') } })
    const m = mergeAccountState(a, b)
    expect(m.issuer.value).toBe('A')
    expect(m.account.value).toBe('b')
  })

  it('breaks a tie of walls and counts by device id', () => {
    const a = state({ pinned: { value: true, at: at(5, 1, 'device-a') } })
    const b = state({ pinned: { value: false, at: at(5, 1, 'device-b') } })
    expect(mergeAccountState(a, b).pinned.value).toBe(false)
    expect(mergeAccountState(b, a).pinned.value).toBe(false)
  })

  it('takes the larger HOTP counter, compared as numbers, past 2^53', () => {
    expect(mergeAccountState(state({ counter: '9' }), state({ counter: '10' })).counter).toBe('10')
    expect(mergeAccountState(state({ counter: '18446744073709551615' }), state({ counter: '18446744073709551614' })).counter).toBe(
      '18446744073709551615',
    )
  })

  it('refuses copies that disagree on the key, the OTP settings or the creation time', () => {
    const base = state()
    const forged = [
      state({ otp: { ...base.otp, secret: 'AAAAAAAAAAAAAAAA' } }),
      state({ otp: { ...base.otp, digits: 6 } }),
      state({ otp: { ...base.otp, extra: { foo: 'baz' } } }),
      state({ createdAt: base.createdAt + 1 }),
    ]
    for (const other of forged) {
      for (const [x, y] of [
        [base, other],
        [other, base],
      ] as const) {
        expect(() => mergeAccountState(x, y)).toThrow(/disagree/)
        try {
          mergeAccountState(x, y)
        } catch (e) {
          expect(isKeyfobError(e, 'INVALID_MESSAGE')).toBe(true)
        }
      }
    }
  })

  it('treats an optional OTP field left out and one set to undefined as the same', () => {
    const base = state()
    expect(() => mergeAccountState(base, state({ otp: { ...base.otp, image: undefined } }))).not.toThrow()
  })

  it('refuses a counter that is not a decimal number, and two different ids', () => {
    expect(() => mergeAccountState(state(), state({ counter: '1e3' }))).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }))
    const other = RECORD_IDS[3]
    expect(() => mergeAccountState(state(), { ...state(), id: other })).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
  })
})

describe('mergeRecord: laws (Shapiro et al. 2011: a join semilattice)', () => {
  const id = RECORD_IDS[1]
  const runs = { numRuns: 500 }

  it('states: commutative, associative, idempotent', () => {
    fc.assert(
      fc.property(stateArb(id), stateArb(id), stateArb(id), (a, b, c) => {
        expect(mergeAccountState(a, b)).toEqual(mergeAccountState(b, a))
        expect(mergeAccountState(mergeAccountState(a, b), c)).toEqual(mergeAccountState(a, mergeAccountState(b, c)))
        expect(mergeAccountState(a, a)).toEqual(a)
      }),
      runs,
    )
  })

  it('states and tombstones: commutative, associative, idempotent', () => {
    fc.assert(
      fc.property(recordArb(id), recordArb(id), recordArb(id), (a, b, c) => {
        expect(mergeRecord(a, b)).toEqual(mergeRecord(b, a))
        expect(mergeRecord(mergeRecord(a, b), c)).toEqual(mergeRecord(a, mergeRecord(b, c)))
        expect(mergeRecord(a, a)).toEqual(a)
        // Merging again changes nothing (what makes resending a record harmless).
        expect(mergeRecord(mergeRecord(a, b), b)).toEqual(mergeRecord(a, b))
      }),
      runs,
    )
  })

  it('never lowers the HOTP counter', () => {
    fc.assert(
      fc.property(stateArb(id), stateArb(id), (a, b) => {
        const m = BigInt(mergeAccountState(a, b).counter)
        expect(m >= BigInt(a.counter) && m >= BigInt(b.counter)).toBe(true)
        expect([a.counter, b.counter]).toContain(mergeAccountState(a, b).counter)
      }),
      runs,
    )
  })

  it('never lets an edit made concurrently with a deletion bring the account back', () => {
    // `base` is what both devices had; one deletes it, the other edits fields (any clocks, even
    // later ones), without touching the deletion register, as edits do.
    fc.assert(
      fc.property(stateArb(id), hlcArb(), stateArb(id), fc.boolean(), (base, deletedAt, edit, compacted) => {
        fc.pre(compareHlc(deletedAt, base.deleted.at) > 0)
        const deletion: SyncRecord = compacted
          ? { id, deleted: { value: true, at: deletedAt } }
          : { ...base, deleted: { value: true, at: deletedAt } }
        const edited: AccountState = { ...edit, deleted: base.deleted }
        expect(mergeRecord(deletion, edited).deleted.value).toBe(true)
        expect(mergeRecord(edited, deletion).deleted.value).toBe(true)
      }),
      runs,
    )
  })

  it('brings the account back for an explicit undo stamped after the deletion', () => {
    fc.assert(
      fc.property(recordArb(id), stateArb(id), hlcArb(), (deletion, undone, undoAt) => {
        fc.pre(deletion.deleted.value && compareHlc(undoAt, deletion.deleted.at) > 0)
        const undo: AccountState = { ...undone, deleted: { value: false, at: undoAt } }
        const m = mergeRecord(deletion, undo)
        expect(isTombstone(m)).toBe(false)
        expect(m.deleted).toEqual(undo.deleted)
      }),
      runs,
    )
  })
})

describe('compactAccount and collectGarbage', () => {
  const now = 200 * DAY

  it('keeps a deleted account whole for DELETED_FIELDS_KEEP_MS, then as a tombstone', () => {
    const deleted = state({ deleted: { value: true, at: at(now - DELETED_FIELDS_KEEP_MS + 1) } })
    expect(compactAccount(deleted, now)).toBe(deleted)
    const older = state({ deleted: { value: true, at: at(now - DELETED_FIELDS_KEEP_MS) } })
    expect(compactAccount(older, now)).toEqual({ id: ID, deleted: { value: true, at: older.deleted.at } })
    // Never an account that is not deleted, however old.
    const live = state({ deleted: { value: false, at: at(0) } })
    expect(compactAccount(live, now)).toBe(live)
  })

  it('drops deletions older than TOMBSTONE_KEEP_MS, and says what it compacted and dropped', () => {
    const ids = RECORD_IDS
    const records = new Map<string, SyncRecord>([
      [ids[0], { ...tombstone(now - TOMBSTONE_KEEP_MS), id: ids[0] }],
      [ids[1], { ...tombstone(now - TOMBSTONE_KEEP_MS + 1), id: ids[1] }],
      [ids[2], { ...state(), ...identityOf(ids[2]), id: ids[2], deleted: { value: true, at: at(now - 40 * DAY) } }],
      [ids[3], { ...state(), ...identityOf(ids[3]), id: ids[3], deleted: { value: false, at: at(0) } }],
    ])
    const { records: kept, compacted, dropped } = collectGarbage(records, now)
    expect(dropped).toEqual([ids[0]])
    expect(compacted).toEqual([ids[2]])
    expect([...kept.keys()]).toEqual([ids[1], ids[2], ids[3]])
    expect(isTombstone(kept.get(ids[2]) as SyncRecord)).toBe(true)
    expect(kept.get(ids[3])).toBe(records.get(ids[3]))
  })

  it('never loses or changes an account that is not deleted', () => {
    const maxWall = 200 * DAY
    fc.assert(
      fc.property(recordSetArb(maxWall), fc.integer({ min: 0, max: 2 * maxWall }), (records, when) => {
        const { records: kept } = collectGarbage(records, when)
        for (const [id, record] of records) {
          if (!record.deleted.value) expect(kept.get(id)).toBe(record)
          else if (kept.has(id)) expect(kept.get(id)?.deleted).toEqual(record.deleted)
        }
      }),
    )
  })

  it('loses nothing a device that saw the deletion still needs', () => {
    // Compaction forgets only a deleted account's fields. Merged with a copy that has seen the
    // deletion (so also those fields), the result is the same as with the whole record; merged with
    // any copy, the account is deleted or not alike.
    const maxWall = 200 * DAY
    fc.assert(
      fc.property(recordArb(ID, maxWall), recordArb(ID, maxWall), fc.integer({ min: 0, max: 2 * maxWall }), (a, other, when) => {
        expect(mergeRecord(compactAccount(a, when), other).deleted).toEqual(mergeRecord(a, other).deleted)
        const seen = mergeRecord(a, other)
        const whole = mergeRecord(a, seen)
        const compacted = mergeRecord(compactAccount(a, when), seen)
        expect(compacted).toEqual(whole)
      }),
    )
  })
})

describe('mergeRecord with tombstones', () => {
  it('a later tombstone deletes the state (its fields kept), an earlier one does not', () => {
    const s = state({ deleted: { value: false, at: at(5) } })
    const later = mergeRecord(s, tombstone(9))
    expect(later.deleted.value).toBe(true)
    expect(isTombstone(later)).toBe(false)
    expect(mergeRecord(tombstone(3), s)).toBe(s)
  })

  it('two tombstones keep the later deletion', () => {
    expect(mergeRecord(tombstone(3), tombstone(9))).toEqual(tombstone(9))
  })

  it('a tombstone of another id is a caller bug', () => {
    expect(() => mergeRecord({ ...tombstone(3), id: RECORD_IDS[0] }, state())).toThrow(expect.objectContaining({ code: 'INTERNAL' }))
  })
})
