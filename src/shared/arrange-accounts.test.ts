import { describe, expect, it } from 'vitest'
import type { AccountView } from './protocol.ts'
import { arrangeAccounts, matchesQuery } from './arrange-accounts.ts'
import { account } from '../../test/fake-popup-client.ts'

const view = (id: string, issuer: string, name: string, extra: Partial<AccountView> = {}): AccountView =>
  account(id, 0, { issuer, account: name, order: Number(id), timed: null, ...extra })

const list = [
  view('0', 'Zeta', 'zed@example.com', { lastUsedAt: 5 }),
  view('1', 'Bäckerei', 'anna', { tags: ['food'] }),
  view('2', 'acme', 'bob', { pinned: true }),
  view('3', 'GitHub', 'carol', { tags: ['work', 'code'], lastUsedAt: 9 }),
]
const ids = (xs: AccountView[]) => xs.map((a) => a.id)

describe('matchesQuery', () => {
  it.each([
    ['', true],
    ['git', true],
    ['GITHUB carol', true],
    ['work', true],
    ['code git', true],
    ['gitlab', false],
    ['carol zed', false],
  ])('GitHub/carol/[work,code] matches %j: %s', (q, expected) => {
    expect(matchesQuery(list[3] as AccountView, q)).toBe(expected)
  })

  it('ignores case and accents', () => {
    expect(matchesQuery(list[1] as AccountView, 'backerei')).toBe(true)
    expect(matchesQuery(list[1] as AccountView, 'BÄCK')).toBe(true)
  })
})

describe('arrangeAccounts', () => {
  it('puts pinned accounts first, then the chosen order', () => {
    expect(ids(arrangeAccounts(list, '', 'manual'))).toEqual(['2', '0', '1', '3'])
    expect(ids(arrangeAccounts(list, '', 'issuer'))).toEqual(['2', '1', '3', '0'])
    expect(ids(arrangeAccounts(list, '', 'account'))).toEqual(['2', '1', '3', '0'])
    expect(ids(arrangeAccounts(list, '', 'recent'))).toEqual(['2', '3', '0', '1'])
  })

  it('offers accounts bound to the active site before everything else', () => {
    expect(ids(arrangeAccounts(list, '', 'manual', new Set(['3'])))).toEqual(['3', '2', '0', '1'])
  })

  it('filters before ordering and does not change its input', () => {
    const copy = [...list]
    expect(ids(arrangeAccounts(list, 'b', 'issuer'))).toEqual(['2', '1', '3'])
    expect(list).toEqual(copy)
  })
})
