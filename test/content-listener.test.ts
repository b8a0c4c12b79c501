// @vitest-environment happy-dom
/**
 * docs/security.md §3.1, "The content script's only message listener answers only messages whose
 * sender.id is Keyfob's, and only the requests it knows" (src/content/index.ts). The real content
 * script is loaded into a happy-dom page with @webext-core/fake-browser as its `browser`; its
 * listener is then handed messages as the browser would, with the sender the browser reports.
 */
import { fakeBrowser } from '@webext-core/fake-browser'
import { describe, expect, it, vi } from 'vitest'
import type { Runtime } from 'webextension-polyfill'
import { WAIT } from './support/wait.ts'

;(globalThis as { browser?: unknown }).browser = fakeBrowser
await import('../src/content/index.ts')

const ping = { channel: 'background', type: 'ping', input: {} }
const fromKeyfob: Runtime.MessageSender = { id: fakeBrowser.runtime.id }

/** What the listener returns (true: it will answer) and the answer it sends, if any. */
async function deliver(message: unknown, sender: Runtime.MessageSender): Promise<{ willAnswer: unknown; answer: unknown }> {
  const sendResponse = vi.fn()
  // The listener is typed for the polyfill's sender; fake-browser's trigger passes it through as given.
  const trigger = fakeBrowser.runtime.onMessage.trigger.bind(fakeBrowser.runtime.onMessage) as unknown as (
    ...args: unknown[]
  ) => Promise<unknown[]>
  const results = await trigger(message, sender, sendResponse)
  expect(results, 'one listener: the content script registers no other').toHaveLength(1)
  const [willAnswer] = results
  if (willAnswer === true) await vi.waitFor(() => expect(sendResponse).toHaveBeenCalled(), WAIT)
  return { willAnswer, answer: sendResponse.mock.calls[0]?.[0] }
}

describe('the content script’s message listener', () => {
  it('is the only one, and answers Keyfob’s background', async () => {
    expect(await deliver(ping, fromKeyfob)).toEqual({ willAnswer: true, answer: { ok: true, value: { url: location.href } } })
  })

  it.each<[string, Runtime.MessageSender]>([
    ['another extension', { id: 'another-extension-id' }],
    ['a sender with no id', {}],
    ['an id that only starts like Keyfob’s', { id: `${fakeBrowser.runtime.id}x` }],
  ])('ignores the same request from %s', async (_, sender) => {
    expect(await deliver(ping, sender)).toEqual({ willAnswer: false, answer: undefined })
  })

  it('ignores Keyfob messages on another channel, and refuses requests it does not know', async () => {
    expect(await deliver({ ...ping, channel: 'popup' }, fromKeyfob)).toEqual({ willAnswer: false, answer: undefined })
    expect(await deliver(null, fromKeyfob)).toEqual({ willAnswer: false, answer: undefined })
    expect(await deliver({ ...ping, type: 'toString' }, fromKeyfob)).toEqual({
      willAnswer: true,
      answer: { ok: false, error: { code: 'INVALID_MESSAGE', message: "Unknown request 'toString'." } },
    })
  })
})
