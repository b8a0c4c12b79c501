import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../core/errors.ts'
import type { PasskeyCreation } from '../shared/protocol.ts'
import { fakeClient } from '../../test/fake-popup-client.ts'
import { createPasskeysModel } from './passkeys-model.ts'

const begin: PasskeyCreation = { salt: 'c2FsdA==', userId: 'dXNlcg==', challenge: 'Y2hhbA==', excludeCredentialIds: [] }
const phone = { id: 'slot-1', name: 'Phone', createdAt: 5 }
const describe_ = (e: unknown) => `shown:${e instanceof KeyfobError ? e.code : String(e)}`

describe('passkeys model', () => {
  it('adds a passkey: password first, then the ceremony with what the background began, then enrol with its result and salt', async () => {
    const made: [PasskeyCreation, string][] = []
    const { client, calls } = fakeClient({
      passkeyList: () => ({ passkeys: [] }),
      passkeyBegin: () => begin,
      passkeyEnrol: () => ({ passkeys: [phone] }),
    })
    const m = createPasskeysModel(client, describe_, async (b, name) => {
      made.push([b, name])
      return { credentialId: 'Y3JlZA==', prfOutput: 'cHJm' }
    })
    await m.load()
    expect(await m.add('pw', 'Phone', 'added Phone')).toBe(true)
    expect(made).toEqual([[begin, 'Phone']])
    expect(calls.map((c) => [c.type, c.input])).toEqual([
      ['passkeyList', {}],
      ['passkeyBegin', { password: 'pw' }],
      ['passkeyEnrol', { password: 'pw', name: 'Phone', salt: begin.salt, credentialId: 'Y3JlZA==', prfOutput: 'cHJm' }],
    ])
    expect([m.passkeys.value, m.notice.value, m.error.value, m.busy.value]).toEqual([[phone], 'added Phone', null, false])
  })

  it('a refused ceremony (no PRF) or a wrong password shows its message and enrols nothing', async () => {
    const { client, calls } = fakeClient({
      passkeyBegin: (i) => {
        if (i.password !== 'pw') throw new KeyfobError('WRONG_PASSWORD', 'wrong')
        return begin
      },
      passkeyRemove: () => {
        throw new KeyfobError('WRONG_PASSWORD', 'wrong')
      },
    })
    const m = createPasskeysModel(client, describe_, async () => {
      throw new KeyfobError('PASSKEY_NO_PRF', 'no prf')
    })
    expect(await m.add('pw', 'Old key', 'added')).toBe(false)
    expect(m.error.value).toBe('shown:PASSKEY_NO_PRF')
    expect(await m.add('nope', 'Old key', 'added')).toBe(false)
    expect(m.error.value).toBe('shown:WRONG_PASSWORD')
    expect(await m.remove('slot-1', 'nope', 'removed')).toBe(false)
    expect(calls.map((c) => c.type)).toEqual(['passkeyBegin', 'passkeyBegin', 'passkeyRemove'])
    expect([m.notice.value, m.busy.value]).toEqual([null, false])
  })
})
