/**
 * Test support: a TabPort over pretend tabs, whose frames answer as Keyfob's content script
 * would (a field or none, a frame faded by the page around it, a frame that has navigated
 * since the browser reported its URL), and record everything the background asked of them.
 */
import { readFileSync } from 'node:fs'
import type { BackgroundToContent, InputOf } from '../../src/shared/protocol.ts'
import type { TabPort } from '../../src/background/tab-port.ts'

export interface FakeFrame {
  /** The document in the frame now. */
  url: string
  fillable?: boolean
  /** The page around the frame fades or covers it. */
  hidden?: boolean
  /** The field asks for a code sent by text message or e-mail. */
  sentBy?: 'sms' | 'email' | 'sent' | null
  /** location.ancestorOrigins, nearest first (null: the browser does not say). */
  ancestors?: string[] | null
  /** What the background showed (notices as the page translates them, in English) and filled here. */
  notices: string[]
  filled: string[]
  choices: InputOf<BackgroundToContent, 'showFillChoice'>[]
  /** "Fill anyway?" questions shown here. */
  sentAsks: InputOf<BackgroundToContent, 'askSentCode'>[]
  submitted: boolean[]
}

export function fakeTabs(frames: Record<string, Partial<FakeFrame> & { url: string }>, capture?: TabPort['capture']) {
  const all = new Map<string, FakeFrame>(
    Object.entries(frames).map(([key, f]) => [key, { notices: [], filled: [], choices: [], sentAsks: [], submitted: [], ...f }]),
  )
  const asked: { tabId: number; frameId: number | undefined; type: string; input: unknown }[] = []
  const frame = (tabId: number, frameId: number | undefined) => all.get(`${tabId}:${frameId ?? 0}`)
  const port: TabPort = {
    async ask(tabId, frameId, type, input) {
      asked.push({ tabId, frameId, type, input })
      const f = frame(tabId, frameId)
      if (!f) throw new Error('Could not establish connection. Receiving end does not exist.')
      const answer = (): unknown => {
        switch (type) {
          case 'ping':
            return { url: f.url }
          case 'otpFieldStatus':
            return {
              url: f.url,
              fillable: f.fillable ?? true,
              sentBy: f.sentBy ?? null,
              ancestors: f.ancestors ?? null,
              hidden: f.hidden ?? false,
            }
          case 'fillCode': {
            const { code, submit, origin } = input as InputOf<BackgroundToContent, 'fillCode'>
            // As the content script: a frame that has navigated since refuses; a hidden one says so.
            if (!(f.fillable ?? true) || origin !== new URL(f.url).origin) return { filled: false }
            if (f.hidden) return { filled: false, hidden: true }
            f.filled.push(code)
            f.submitted.push(submit)
            return { filled: true }
          }
          case 'showNotice':
            {
              const { key, values } = input as InputOf<BackgroundToContent, 'showNotice'>
              f.notices.push(english(key, values))
              return {}
            }
            return {}
          case 'showFillChoice':
            f.choices.push(input as InputOf<BackgroundToContent, 'showFillChoice'>)
            return {}
          case 'askSentCode':
            f.sentAsks.push(input as InputOf<BackgroundToContent, 'askSentCode'>)
            return {}
          default:
            throw new Error(`the fake frame does not answer ${type}`)
        }
      }
      return answer() as never
    },
    tabUrl: async (tabId) => frame(tabId, 0)?.url ?? null,
    capture: capture ?? (() => Promise.reject(new Error('no capture in this test'))),
  }
  return { port, asked, frame: (key: string) => all.get(key) as FakeFrame }
}

const EN = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<
  string,
  { message: string }
>

/** The extension's English sentence `key`, as browser.i18n.getMessage gives it ('' for an unknown key). */
export function english(key: string, subs?: string | string[]): string {
  return (EN[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => [subs ?? []].flat()[Number(n) - 1] ?? '')
}
