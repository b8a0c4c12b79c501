/**
 * Content script: tiny, on every http(s) page. It holds no secret and no account
 * list, and registers no listener a page could use to ask for anything: it only
 * answers the extension itself.
 */
import type { Runtime } from 'webextension-polyfill'
import { ext } from '../shared/browser-api.ts'
import type { RequestEnvelope, ResponseEnvelope } from '../shared/protocol.ts'

function answer(m: RequestEnvelope): ResponseEnvelope<unknown> {
  if (m.type === 'ping') return { ok: true, value: { url: location.href } }
  return { ok: false, error: { code: 'INVALID_MESSAGE', message: `Unknown request '${m.type}'.` } }
}

ext.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
  const m = message as RequestEnvelope | null
  if (sender.id !== ext.runtime.id || m?.channel !== 'background') return false
  sendResponse(answer(m))
  return false
}) as unknown as Parameters<typeof ext.runtime.onMessage.addListener>[0])
