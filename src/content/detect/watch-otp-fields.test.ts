// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OtpFieldMatch } from './otp-field-match.ts'
import { styleIsVisible } from '../../../test/support/style-is-visible.ts'
import { watchOtpFields } from './watch-otp-fields.ts'

const opts = { isVisible: styleIsVisible }
const frames = async (n = 3): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r))
}
const first = (calls: OtpFieldMatch[][]): string[] =>
  (calls.at(-1) ?? []).map((m) => (m.kind === 'single' ? m.input.id : m.inputs.map((i) => i.id).join(',')))

let stop = (): void => {}
let calls: OtpFieldMatch[][] = []
const callback = (m: OtpFieldMatch[]): void => void calls.push(m)

beforeEach(() => {
  document.body.innerHTML = '<main id="app"><p>Loading…</p></main>'
  calls = []
})
afterEach(() => stop())

describe('watchOtpFields', () => {
  it('reports nothing while there is nothing, then a field inserted later', async () => {
    stop = watchOtpFields(document, callback, opts)
    await frames()
    expect(calls).toEqual([])
    document.getElementById('app')?.insertAdjacentHTML('beforeend', '<input id="otp" autocomplete="one-time-code">')
    await frames()
    expect(calls).toHaveLength(1)
    expect(first(calls)).toEqual(['otp'])
  })

  it('reports fields already present once, soon after starting', async () => {
    document.body.innerHTML = '<input id="otp" name="otp">'
    stop = watchOtpFields(document, callback, opts)
    expect(calls).toHaveLength(0) // never synchronously
    await frames()
    expect(calls).toHaveLength(1)
    expect(first(calls)).toEqual(['otp'])
  })

  it('coalesces a burst of mutations into one detection', async () => {
    stop = watchOtpFields(document, callback, opts)
    const app = document.getElementById('app') as HTMLElement
    for (let i = 0; i < 6; i++) app.insertAdjacentHTML('beforeend', `<input id="b${i}" maxlength="1">`)
    await frames()
    expect(calls).toHaveLength(1)
    expect(first(calls)).toEqual(['b0,b1,b2,b3,b4,b5'])
  })

  it('does not re-detect for mutations that cannot touch an input', async () => {
    stop = watchOtpFields(document, callback, opts)
    await frames() // the initial detection
    const spy = vi.spyOn(document, 'querySelectorAll')
    const app = document.getElementById('app') as HTMLElement
    app.insertAdjacentHTML('beforeend', '<p>Still loading…</p>')
    app.querySelector('p')?.setAttribute('style', 'color: red')
    ;(app.querySelector('p') as HTMLElement).textContent = 'Almost there'
    await frames()
    expect(spy.mock.calls.filter(([s]) => s === '*')).toHaveLength(0)
    spy.mockRestore()
  })

  it('notices a field revealed by a style or class change, and hidden again', async () => {
    document.body.innerHTML = '<style>.hidden { display: none }</style><div id="step" class="hidden"><input id="otp" name="otp"></div>'
    stop = watchOtpFields(document, callback, opts)
    await frames()
    expect(calls).toEqual([])
    document.getElementById('step')?.classList.remove('hidden')
    await frames()
    expect(first(calls)).toEqual(['otp'])
    document.getElementById('step')?.setAttribute('style', 'display:none')
    await frames()
    expect(calls).toHaveLength(2)
    expect(calls[1]).toEqual([])
  })

  it('sees into open shadow roots it has found', async () => {
    const host = document.createElement('login-box')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<div id="slot"></div>'
    stop = watchOtpFields(document, callback, opts)
    await frames()
    shadow.getElementById('slot')?.insertAdjacentHTML('beforeend', '<input id="code" autocomplete="one-time-code">')
    await frames()
    expect(first(calls)).toEqual(['code'])
  })

  it('reports a field removed', async () => {
    document.body.innerHTML = '<form id="f"><input id="otp" name="otp"></form>'
    stop = watchOtpFields(document, callback, opts)
    await frames()
    document.getElementById('f')?.remove()
    await frames()
    expect(calls.map((c) => c.length)).toEqual([1, 0])
  })

  it('stops when disconnected', async () => {
    stop = watchOtpFields(document, callback, opts)
    stop()
    document.getElementById('app')?.insertAdjacentHTML('beforeend', '<input id="otp" name="otp">')
    await frames()
    expect(calls).toEqual([])
  })

  it('cancels a detection already scheduled when disconnected', async () => {
    document.body.innerHTML = '<input id="otp" name="otp">'
    stop = watchOtpFields(document, callback, opts)
    stop()
    await frames()
    expect(calls).toEqual([])
  })
})
