import { describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { KeyfobError } from '../core/errors.ts'
import { TO_OFFSCREEN, type BackgroundToOffscreen, type Handlers } from './protocol.ts'

vi.stubGlobal('browser', { runtime: { id: 'keyfob', onMessage: { addListener: vi.fn() } } })
const { answer } = await import('./serve.ts')

const fromKeyfob: Runtime.MessageSender = { id: 'keyfob' }

describe('serve(): one way to answer a direction of the protocol', () => {
  const handle = vi.fn<Handlers<BackgroundToOffscreen, object>['clearClipboard']>(async () => ({ cleared: true }))
  const ask = (
    message: unknown,
    check: (sender: Runtime.MessageSender, type: string) => object | null = () => ({}),
    settled?: (type: string) => void,
  ) => answer(TO_OFFSCREEN, { clearClipboard: handle }, check, message, fromKeyfob, settled ? { settled } : {})

  it('hands a handler only input its schema accepted, with the context the sender check made', async () => {
    const settled = vi.fn()
    expect(
      await ask(
        { channel: 'offscreen', type: 'clearClipboard', input: { code: '123456', delayMs: 30_000 } },
        () => ({ from: 'worker' }),
        settled,
      ),
    ).toEqual({ ok: true, value: { cleared: true } })
    expect(handle).toHaveBeenLastCalledWith({ code: '123456', delayMs: 30_000 }, { from: 'worker' })
    expect(settled).toHaveBeenCalledWith('clearClipboard')
    handle.mockClear()
    for (const input of [
      { code: '123456' },
      { code: '123456', delayMs: 30_000, extra: 1 },
      { code: 123456, delayMs: 1 },
      { code: 'x'.repeat(17), delayMs: 1 },
      [],
      'x',
    ]) {
      expect(await ask({ channel: 'offscreen', type: 'clearClipboard', input }), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_MESSAGE' },
      })
    }
    expect(handle).not.toHaveBeenCalled()
  })

  it('leaves other channels, non-requests and senders the check passes over unanswered, and tells a refused sender why', async () => {
    expect(ask({ channel: 'popup', type: 'clearClipboard', input: {} })).toBeNull()
    expect(ask(null)).toBeNull()
    expect(ask({ channel: 'offscreen', type: 7 })).toBeNull()
    expect(ask({ channel: 'offscreen', type: 'clearClipboard', input: {} }, () => null)).toBeNull()
    const forbidden = () => {
      throw new KeyfobError('FORBIDDEN_SENDER', 'This request is not allowed from here.')
    }
    expect(await ask({ channel: 'offscreen', type: 'clearClipboard', input: {} }, forbidden)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'This request is not allowed from here.' },
    })
  })

  it('knows only its own requests, whatever Object.prototype holds', async () => {
    for (const type of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      expect(await ask({ channel: 'offscreen', type, input: {} })).toEqual({
        ok: false,
        error: { code: 'INVALID_MESSAGE', message: `Unknown request '${type}'.` },
      })
    }
  })

  it('reports an unexpected failure without its detail', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    handle.mockRejectedValueOnce(new Error('secret JBSWY3DPEHPK3PXP'))
    const r = await ask({ channel: 'offscreen', type: 'clearClipboard', input: { code: '123456', delayMs: 0 } })
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Keyfob.' } })
    expect(JSON.stringify(error.mock.calls)).not.toContain('JBSWY3DPEHPK3PXP')
    error.mockRestore()
  })
})
