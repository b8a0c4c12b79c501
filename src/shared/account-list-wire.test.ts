import { describe, expect, it } from 'vitest'
import { packAccountList, packAccountView, unpackAccountList, unpackAccountView, type PackedAccountView } from './account-list-wire.ts'
import type { AccountView } from './protocol.ts'
import { account } from '../../test/fake-popup-client.ts'

const UNTIL = 1796550420000
/** An account at every usual value, its code without a successor yet. */
const usual: AccountView = account('51700c64-0a08-4693-89da-e8ae92b3028c', UNTIL, {
  issuer: 'Bench0',
  account: 'user',
  createdAt: 1796550394544,
  timed: { code: '723761', nextCode: null, validFrom: UNTIL - 30_000, validUntil: UNTIL },
})

/** Every field away from its usual value. */
const unusual: AccountView = {
  ...usual,
  type: 'steam',
  algorithm: 'SHA256',
  digits: 5,
  period: 60,
  t0: -30,
  tags: ['work', 'bank'],
  pinned: true,
  sites: ['example.com'],
  order: 7.5,
  lastUsedAt: 1796550400000,
  // Steam steps every 30 s, whatever period the account names.
  timed: { code: 'ABCDE', nextCode: 'FGHIJ', validFrom: 1796550390000, validUntil: 1796550420000 },
}

const hotp: AccountView = { ...usual, type: 'hotp', timed: null, hotp: { code: null, nextCounter: '18446744073709551615' } }

describe('the account list on the wire', () => {
  it.each([
    ['usual', usual],
    ['unusual in every field', unusual],
    ['HOTP', hotp],
    ['TOTP whose code follows (listCodes)', { ...usual, timed: null }],
    ['HOTP with a revealed code', { ...hotp, hotp: { code: '123456', nextCounter: '4' } }],
    ['with a zero order and time', { ...usual, order: 0, createdAt: 0, lastUsedAt: 0 }],
    [
      'a 60 s period',
      { ...usual, period: 60, timed: { code: '111111', nextCode: null, validFrom: 1796550360000, validUntil: 1796550420000 } },
    ],
  ])('gives the popup the same view back (%s)', (_, view) => {
    // Through JSON, as the browser carries it.
    expect(unpackAccountView(JSON.parse(JSON.stringify(packAccountView(view))) as PackedAccountView)).toEqual(view)
  })

  it('leaves out what holds its usual value, and nothing else', () => {
    expect(Object.keys(packAccountView(usual)).sort()).toEqual(['account', 'createdAt', 'id', 'issuer', 'order', 'timed'])
    expect(packAccountView(usual).timed).toEqual({ code: '723761', validUntil: 1796550420000 })
    // A timed account has no HOTP state: every other field travels.
    expect(Object.keys(packAccountView(unusual)).sort()).toEqual(
      Object.keys(unusual)
        .filter((k) => k !== 'hotp')
        .sort(),
    )
    expect(packAccountView(unusual).timed).toEqual(unusual.timed)
  })

  it('is little more than half the JSON of the full views for usual accounts', () => {
    const views = Array.from({ length: 100 }, (_, i) => ({ ...usual, issuer: `Bench${i}`, order: i }))
    const full = JSON.stringify({ accounts: views, activeSite: null, onSite: [] }).length
    const packed = JSON.stringify(packAccountList({ accounts: views, activeSite: null, onSite: [] })).length
    expect(packed).toBeLessThan(full * 0.55)
  })

  it('keeps the list around the accounts, and gives each account lists of its own', () => {
    const list = { accounts: [usual, { ...usual, id: 'b' }], activeSite: 'example.com', onSite: ['b'] }
    const back = unpackAccountList(packAccountList(list))
    expect(back).toEqual(list)
    back.accounts[0]!.tags.push('x')
    expect(back.accounts[1]!.tags).toEqual([])
  })
})
