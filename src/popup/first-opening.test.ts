import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../core/errors.ts'
import { fakeClient, opening, status } from '../../test/fake-popup-client.ts'
import { takeFirstOpening } from './first-opening.ts'

describe('takeFirstOpening', () => {
  it("unwraps the background's answer to the page's first request, asking nothing more", async () => {
    const { client, calls } = fakeClient({})
    const answer = opening(status('locked'), { tabId: 3 })
    expect(await takeFirstOpening(Promise.resolve({ ok: true, value: answer }), client)).toEqual(answer)
    expect(calls).toEqual([])
  })

  it("throws the background's error as a KeyfobError, as the client would", async () => {
    const { client, calls } = fakeClient({})
    const failed = takeFirstOpening(Promise.resolve({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'no' } }), client)
    await expect(failed).rejects.toEqual(expect.objectContaining({ code: 'FORBIDDEN_SENDER' }))
    await expect(failed).rejects.toBeInstanceOf(KeyfobError)
    expect(calls).toEqual([])
  })

  it('asks again through the client (which retries) when the browser lost the first request', async () => {
    for (const lost of [
      Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      Promise.resolve(undefined),
    ]) {
      const answer = opening(status('unlocked'))
      const { client, calls } = fakeClient({ openPopup: () => answer })
      expect(await takeFirstOpening(lost, client)).toEqual(answer)
      expect(calls).toEqual([{ type: 'openPopup', input: {} }])
    }
  })
})
