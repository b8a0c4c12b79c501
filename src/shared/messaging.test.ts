import { readFileSync } from 'node:fs'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KeyfobError } from '../core/errors.ts'

/**
 * The browser's own words when the worker is stopped or dies while a request is on its way
 * (Chromium 156; the last one after the extension was reloaded under a page).
 */
const CLOSED =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.'
const PORT_CLOSED = 'The message port closed before a response was received.'
const INVALIDATED = 'Extension context invalidated.'
const STOPPED = [CLOSED, NO_RECEIVER, PORT_CLOSED]

const sendMessage = vi.fn<(m: unknown) => Promise<unknown>>()
/** The extension's English sentences, as i18n.getMessage gives them. */
const en = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<
  string,
  { message: string }
>
const getMessage = (key: string) => en[key]?.message ?? ''
vi.stubGlobal('browser', { runtime: { id: 'keyfob', sendMessage }, tabs: { sendMessage: vi.fn() }, i18n: { getMessage } })
afterAll(() => vi.unstubAllGlobals())
// Imported after the stub: browser-api.ts picks the extension API when it loads.
const { popupClient, contentClient } = await import('./messaging.ts')

const answer = (value: unknown) => ({ ok: true, value })
const fails = (message: string) => () => Promise.reject(new Error(message))

// A block body: a function returned from beforeEach would run as its teardown.
beforeEach(() => {
  sendMessage.mockReset()
})

/** What the caller gets: the error's type, code and sentence. */
async function caught(p: Promise<unknown>): Promise<Pick<KeyfobError, 'name' | 'code' | 'message'>> {
  try {
    await p
  } catch (e) {
    const { name, code, message } = e as KeyfobError
    return { name, code, message }
  }
  throw new Error('expected a rejection')
}

describe('requests when the background stops under them', () => {
  it.each(STOPPED)('asks again when it is safe to repeat (a read): "%s"', async (raw) => {
    sendMessage.mockImplementationOnce(fails(raw)).mockResolvedValueOnce(answer({ state: 'locked' }))
    await expect(popupClient('getStatus', {})).resolves.toEqual({ state: 'locked' })
    expect(sendMessage).toHaveBeenCalledTimes(2)
  })

  it('asks again for a scan’s Add (adding twice finds the same key and adds nothing more)', async () => {
    sendMessage.mockImplementationOnce(fails(CLOSED)).mockResolvedValueOnce(answer({ state: 'added' }))
    await expect(contentClient('confirmScan', { scanId: 'x' })).resolves.toEqual({ state: 'added' })
    expect(sendMessage).toHaveBeenCalledTimes(2)
  })

  it('never repeats a request that changes something each time, and says what happened and what to do', async () => {
    for (const [type, input] of [
      ['nextHotpCode', { id: 'a' }],
      ['unlock', { password: 'p' }],
      ['deleteAccount', { id: 'a' }],
    ] as const) {
      sendMessage.mockReset().mockImplementation(fails(CLOSED))
      const e = await caught(popupClient(type, input as never))
      expect(sendMessage, type).toHaveBeenCalledTimes(1)
      expect(e).toMatchObject({ name: 'KeyfobError', code: 'BACKGROUND_STOPPED' })
      expect(e.message).toMatch(/stopped before it answered.*Check.*try again/)
    }
  })

  it('gives up on a read after a few tries, with the same clear error and never the browser’s words', async () => {
    sendMessage.mockImplementation(fails(NO_RECEIVER))
    const e = await caught(popupClient('listAccounts', {}))
    expect(sendMessage.mock.calls.length).toBeGreaterThan(1)
    expect(sendMessage.mock.calls.length).toBeLessThanOrEqual(4)
    expect(e).toMatchObject({ code: 'BACKGROUND_STOPPED' })
    for (const r of [...STOPPED, INVALIDATED]) expect(e.message).not.toContain(r)
  })

  it('a content script left behind by an update or reload is told to reload the page', async () => {
    sendMessage.mockImplementation(fails(INVALIDATED))
    const e = await caught(contentClient('fillRequest', {}))
    expect(e).toMatchObject({ code: 'EXTENSION_RELOADED' })
    expect(sendMessage).toHaveBeenCalledTimes(1) // asking again cannot help: this script is cut off for good
    expect(e.message).toMatch(/Reload (this|the) page/)
  })

  it('no answer at all (the listener went away) counts as a stopped background', async () => {
    sendMessage.mockResolvedValue(undefined)
    expect(await caught(popupClient('addAccounts', { text: 'otpauth://…' }))).toMatchObject({ code: 'BACKGROUND_STOPPED' })
    expect(sendMessage).toHaveBeenCalledTimes(1)
  })

  it('passes the background’s own errors through unchanged, without asking again', async () => {
    sendMessage.mockResolvedValue({ ok: false, error: { code: 'WRONG_PASSWORD', message: 'Wrong password.' } })
    expect(await caught(popupClient('getStatus', {}))).toMatchObject({ code: 'WRONG_PASSWORD', message: 'Wrong password.' })
    expect(sendMessage).toHaveBeenCalledTimes(1)
  })

  it('carries the values an error’s sentence names across, both ways (the seconds of THROTTLED)', async () => {
    const { toErrorResponse } = await import('./serve.ts')
    const { KeyfobError: Err } = await import('../core/errors.ts')
    const response = toErrorResponse(new Err('THROTTLED', 'Too many wrong passwords. Try again in 30 seconds.', { values: ['30'] }))
    sendMessage.mockResolvedValue(JSON.parse(JSON.stringify(response)))
    const e = await popupClient('unlock', { password: 'p' }).catch((x: unknown) => x as KeyfobError)
    expect(e).toMatchObject({ code: 'THROTTLED', values: ['30'] })
  })
})
