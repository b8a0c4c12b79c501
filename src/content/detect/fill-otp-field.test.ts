// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { isKeyfobError } from '../../core/errors.ts'
import { detectOtpFields } from './detect-otp-fields.ts'
import { fillOtpField } from './fill-otp-field.ts'
import { loadFixture, runPageScripts } from '../../../test/support/load-fixture.ts'
import type { OtpFieldMatch, SingleOtpField, SplitOtpField } from './otp-field-match.ts'
import { styleIsVisible } from '../../../test/support/style-is-visible.ts'

const opts = { isVisible: styleIsVisible }
let cleanup = (): void => {}
afterEach(() => {
  cleanup()
  cleanup = () => {}
})

async function openPage(name: string): Promise<OtpFieldMatch> {
  await loadFixture(name)
  cleanup = runPageScripts()
  const [match] = detectOtpFields(document, opts)
  if (!match) throw new Error(`no field detected on ${name}`)
  return match
}

/** Records every event type the element sees, in order, with bubbles/composed flags. */
function record(el: EventTarget, types = ['focus', 'keydown', 'beforeinput', 'input', 'keyup', 'change', 'submit']): string[] {
  const log: string[] = []
  for (const t of types) {
    el.addEventListener(
      t,
      (e) => log.push(`${t}${e.bubbles ? '+b' : ''}${e.composed ? '+c' : ''}${e instanceof KeyboardEvent ? `:${e.key}` : ''}`),
      true,
    )
  }
  return log
}

const single = (html: string): SingleOtpField => {
  document.body.innerHTML = html
  const input = document.querySelector('input') as HTMLInputElement
  return { kind: 'single', input, score: 100, reasons: ['autocomplete'], sentBy: null }
}

describe('fillOtpField: single field', () => {
  it('sets the value, then fires input and change, bubbling and composed', () => {
    const m = single('<form><input name="otp"></form>')
    const log = record(m.input)
    fillOtpField(m, '123456')
    expect(m.input.value).toBe('123456')
    expect(log).toEqual(['focus+c', 'input+b+c', 'change+b+c'])
    expect(document.activeElement).toBe(m.input)
  })

  it('goes through HTMLInputElement.prototype’s setter, not the instance’s', () => {
    const m = single('<input name="otp">')
    let instanceSets = 0
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')
    Object.defineProperty(m.input, 'value', {
      configurable: true,
      get: (): unknown => proto?.get?.call(m.input),
      set: (v: string) => {
        instanceSets++
        proto?.set?.call(m.input, v)
      },
    })
    fillOtpField(m, '654321')
    expect(instanceSets).toBe(0)
    expect(m.input.value).toBe('654321')
  })

  it('replaces a stale code', () => {
    const m = single('<input name="otp" value="111111">')
    fillOtpField(m, '222222')
    expect(m.input.value).toBe('222222')
  })

  it('drops spaces from a grouped code', () => {
    const m = single('<input name="otp">')
    fillOtpField(m, '123 456')
    expect(m.input.value).toBe('123456')
  })

  it('never submits the form', () => {
    const m = single('<form><input name="otp"><button>Go</button></form>')
    const form = m.input.form as HTMLFormElement
    let submitted = 0
    form.addEventListener('submit', (e) => {
      submitted++
      e.preventDefault()
    })
    form.submit = () => void submitted++
    form.requestSubmit = () => void submitted++
    const keys = record(document, ['keydown', 'keypress', 'keyup'])
    fillOtpField(m, '123456')
    expect(submitted).toBe(0)
    expect(keys.join()).not.toContain('Enter')
  })

  it('refuses a code longer than maxlength, leaving the field alone', () => {
    const m = single('<input name="otp" maxlength="6" value="999999">')
    expect(() => fillOtpField(m, '12345678')).toThrow(expect.objectContaining({ code: 'CODE_DOES_NOT_FIT' }))
    expect(m.input.value).toBe('999999')
  })

  it('refuses an empty code', () => {
    const m = single('<input name="otp">')
    try {
      fillOtpField(m, '  ')
      expect.unreachable()
    } catch (e) {
      expect(isKeyfobError(e, 'CODE_DOES_NOT_FIT')).toBe(true)
    }
  })
})

describe('fillOtpField: split boxes', () => {
  const split = (n: number, values = ''): SplitOtpField => {
    document.body.innerHTML = `<form>${Array.from({ length: n }, (_, i) => `<input maxlength="1" value="${values[i] ?? ''}">`).join('')}</form>`
    return { kind: 'split', inputs: [...document.querySelectorAll('input')], score: 100, reasons: ['boxes'], sentBy: null }
  }

  it('puts one character in each box with keydown, input, keyup and change around it', () => {
    const m = split(4)
    const logs = m.inputs.map((el) => record(el))
    fillOtpField(m, '1234')
    expect(m.inputs.map((i) => i.value)).toEqual(['1', '2', '3', '4'])
    expect(logs[0]).toEqual(['focus+c', 'keydown+b+c:1', 'input+b+c', 'keyup+b+c:1', 'change+b+c'])
    expect(logs[3]).toEqual(['focus+c', 'keydown+b+c:4', 'input+b+c', 'keyup+b+c:4', 'change+b+c'])
  })

  it('replaces a stale code in every box', () => {
    const m = split(6, '999999')
    fillOtpField(m, '123456')
    expect(m.inputs.map((i) => i.value).join('')).toBe('123456')
  })

  it('refuses a code that is not one character per box, changing nothing', () => {
    const m = split(6, '999999')
    expect(() => fillOtpField(m, '12345')).toThrow(expect.objectContaining({ code: 'CODE_DOES_NOT_FIT' }))
    expect(() => fillOtpField(m, '1234567')).toThrow(expect.objectContaining({ code: 'CODE_DOES_NOT_FIT' }))
    expect(m.inputs.map((i) => i.value).join('')).toBe('999999')
  })
})

describe('fillOtpField on the fixture pages (their scripts running)', () => {
  it('react-controlled.html: a naive value assignment is undone, fillOtpField is accepted', async () => {
    const m = (await openPage('react-controlled.html')) as SingleOtpField
    const submit = document.getElementById('submit') as HTMLButtonElement
    // What a careless autofill does: the tracker sees no change and the re-render restores ''.
    m.input.value = '123456'
    m.input.dispatchEvent(new Event('input', { bubbles: true }))
    expect(m.input.value).toBe('')
    expect(document.title).toBe('received:')
    fillOtpField(m, '123456')
    expect(m.input.value).toBe('123456')
    expect(document.title).toBe('received:123456')
    expect(submit.disabled).toBe(false)
    fillOtpField(m, '654321')
    expect(document.title).toBe('received:654321')
  })

  it('vue-angular-form.html: the model follows and the form is not submitted', async () => {
    const m = await openPage('vue-angular-form.html')
    fillOtpField(m, '123456')
    expect(document.title).toBe('received:123456')
    expect((document.getElementById('submit') as HTMLButtonElement).disabled).toBe(false)
  })

  // Each of these pages writes the code its own listeners received into the title.
  it.each([
    ['split-auto-advance.html', 'each box gets its digit despite auto-advance', 'split', ['904215', '111111']],
    ['shadow-dom.html', 'the page outside the shadow root hears the input', 'single', ['246810']],
    ['one-time-code.html', 'echo sees the code', 'single', ['135790']],
  ] as const)('%s: %s', async (page, _what, kind, codes) => {
    const m = await openPage(page)
    expect(m.kind).toBe(kind)
    for (const code of codes) {
      fillOtpField(m, code)
      expect(document.title).toBe(`received:${code}`)
    }
  })

  it('split-hidden-aggregate.html: the hidden field the server reads is filled by the page', async () => {
    const m = await openPage('split-hidden-aggregate.html')
    fillOtpField(m, '4821')
    expect((document.getElementById('code') as HTMLInputElement).value).toBe('4821')
  })
})
