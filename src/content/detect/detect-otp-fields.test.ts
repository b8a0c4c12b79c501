// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { detectOtpFields } from './detect-otp-fields.ts'
import type { OtpFieldMatch } from './otp-field-match.ts'
import { styleIsVisible } from '../../../test/support/style-is-visible.ts'

const opts = { isVisible: styleIsVisible }
const detect = (html: string): OtpFieldMatch[] => {
  document.body.innerHTML = html
  return detectOtpFields(document, opts)
}
const ids = (matches: OtpFieldMatch[]): string[] =>
  matches.map((m) => (m.kind === 'single' ? m.input.id : m.inputs.map((i) => i.id).join(',')))
const boxes = (n: number, attrs = 'maxlength="1" inputmode="numeric"'): string =>
  Array.from({ length: n }, (_, i) => `<input id="b${i}" ${attrs}>`).join('')

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('detectOtpFields: what counts', () => {
  it.each([
    ['autocomplete="one-time-code"', '<input id="x" autocomplete="one-time-code">'],
    ['autocomplete with a section token', '<input id="x" autocomplete="section-2fa one-time-code">'],
    ['name="otp"', '<input id="x" name="otp">'],
    ['name="totp"', '<input id="x" name="totp">'],
    ['id="mfaCode"', '<input id="x" name="mfaCode">'],
    ['name="two_factor_code"', '<input id="x" name="two_factor_code">'],
    ['name="otc" type="tel"', '<input id="x" type="tel" name="otc">'],
    ['type="number" name="token"', '<input id="x" type="number" name="token" maxlength="6">'],
    ['name="emailCode": an identity word overruled by a code word', '<input id="x" name="emailCode">'],
    ['name="phone_verification_code"', '<input id="x" name="phone_verification_code">'],
    ['class="otp-input" only', '<input id="x" class="otp-input" maxlength="6">'],
    ['aria-label', '<input id="x" aria-label="Authentication code">'],
    ['aria-labelledby', '<h2 id="h">Security code</h2><input id="x" aria-labelledby="h">'],
    ['wrapping label', '<label>Verification code <input id="x"></label>'],
    ['placeholder 123456 with numeric hints', '<input id="x" placeholder="123456" maxlength="6" inputmode="numeric">'],
    ['placeholder ••••••', '<input id="x" placeholder="• • • • • •" maxlength="6" pattern="\\d{6}">'],
    ['nearby text only', '<div><p>Enter the code from your authenticator app</p><input id="x" inputmode="numeric" maxlength="6"></div>'],
  ])('%s', (_, html) => {
    expect(ids(detect(html))).toEqual(['x'])
  })

  it.each([
    ['Verification code'],
    ['Security code'],
    ['Confirmation code'],
    ['One-time password'],
    ['2FA code'],
    ['MFA'],
    ['Authenticator code'],
    ['Enter the 6-digit code'],
    ['Passcode'],
    ['Bestätigungscode'],
    ['Sicherheitscode'],
    ['Einmalpasswort'],
    ['TAN'],
    ['Code de vérification'],
    ['Code de sécurité'],
    ['Code à usage unique'],
    ['Código de verificación'],
    ['Código de seguridad'],
    ['Código de verificação'],
    ['Codice di verifica'],
    ['Codice di sicurezza'],
    ['Verificatiecode'],
    ['Beveiligingscode'],
    ['Kod weryfikacyjny'],
    ['Wpisz kod jednorazowy'],
    ['確認コード'],
    ['認証コード'],
    ['ワンタイムパスワード'],
    ['验证码'],
    ['驗證碼'],
    ['动态密码'],
    ['인증번호'],
  ])('label %j', (label) => {
    expect(ids(detect(`<label for="x">${label}</label><input id="x" name="f1">`))).toEqual(['x'])
  })
})

describe('detectOtpFields: what never counts', () => {
  it.each([
    ['type=password, even with one-time-code', '<input id="x" type="password" autocomplete="one-time-code" name="otp">'],
    ['type=email', '<input id="x" type="email" name="otp">'],
    ['type=search', '<input id="x" type="search" name="otp">'],
    ['type=hidden', '<input id="x" type="hidden" name="otp">'],
    ['type=checkbox', '<input id="x" type="checkbox" name="otp">'],
    ['disabled', '<input id="x" name="otp" disabled>'],
    ['readonly', '<input id="x" name="otp" readonly>'],
    ['maxlength 3', '<input id="x" name="otp" maxlength="3">'],
    ['a lone single-character box', '<input id="x" name="otp" maxlength="1">'],
    ['no hint at all', '<input id="x" name="field" maxlength="6" inputmode="numeric">'],
    ['name=username', '<input id="x" name="username" maxlength="6" inputmode="numeric">'],
    ['name=user_code (device flow)', '<input id="x" name="user_code">'],
    ['name=email', '<input id="x" name="email">'],
    ['name=phone type=tel', '<input id="x" type="tel" name="phone">'],
    ['autocomplete=tel', '<input id="x" type="tel" autocomplete="tel" aria-label="Number for the code">'],
    ['autocomplete=username', '<input id="x" autocomplete="username" aria-label="Code">'],
    ['autocomplete=cc-csc', '<input id="x" autocomplete="cc-csc" aria-label="Security code" maxlength="4">'],
    ['autocomplete=postal-code', '<input id="x" autocomplete="postal-code" aria-label="Code">'],
    ['name=search', '<input id="x" name="search" inputmode="numeric" maxlength="6">'],
    ['name=captcha', '<input id="x" name="captcha" aria-label="Verification code">'],
    ['name=coupon_code', '<input id="x" name="coupon_code" maxlength="6">'],
    ['name=promo', '<input id="x" name="promo" maxlength="6">'],
    ['name=zip', '<input id="x" name="zip" maxlength="6" inputmode="numeric">'],
    ['name=card_number', '<input id="x" name="card_number" inputmode="numeric">'],
    ['name=cvv', '<input id="x" name="cvv" maxlength="4" inputmode="numeric">'],
    ['fields labelled as something else', '<label for="x">Email</label><input id="x" name="f1" maxlength="6">'],
  ])('%s', (_, html) => {
    expect(detect(html)).toEqual([])
  })

  it.each([
    ['Email'],
    ['Phone number'],
    ['Mobile number'],
    ['Search'],
    ['Coupon code'],
    ['Promo code'],
    ['Gift card code'],
    ['Referral code'],
    ['ZIP code'],
    ['Postal code'],
    ['Postleitzahl'],
    ['Code postal'],
    ['Código postal'],
    ['Gutscheincode'],
    ['Card number'],
    ['Security code (CVV)'],
    ['Captcha'],
    ['图形验证码'],
    ['Username'],
    ['Benutzername'],
    ['Country code'],
    ['Password'],
    ['Verify your email address'],
  ])('label %j', (label) => {
    expect(detect(`<label for="x">${label}</label><input id="x" name="f1" maxlength="6" inputmode="numeric">`)).toEqual([])
  })

  it('ignores the captcha beside an OTP field', () => {
    const html =
      '<label for="o">Verification code</label><input id="o"><label for="c">Enter the characters shown</label><input id="c" name="captcha">'
    expect(ids(detect(html))).toEqual(['o'])
  })
})

describe('detectOtpFields: split boxes', () => {
  it.each([4, 6, 8, 10])('%i single-character boxes in a row', (n) => {
    const [m] = detect(`<div>${boxes(n)}</div>`)
    expect(m?.kind).toBe('split')
    expect(m?.kind === 'split' && m.inputs.map((i) => i.id)).toEqual(Array.from({ length: n }, (_, i) => `b${i}`))
    expect(m?.reasons[0]).toBe('boxes')
  })

  it.each([2, 3, 11])('%i boxes are not a code', (n) => {
    expect(detect(`<div>${boxes(n)}</div>`)).toEqual([])
  })

  it('groups boxes wrapped one per element', () => {
    const html = `<div>${Array.from({ length: 6 }, (_, i) => `<span><input id="b${i}" maxlength="1"></span>`).join('')}</div>`
    expect(ids(detect(html))).toEqual(['b0,b1,b2,b3,b4,b5'])
  })

  it('keeps boxes of two forms apart', () => {
    const html = `<form><div>${boxes(4)}</div></form><form><div>${boxes(6).replaceAll('id="b', 'id="c')}</div></form>`
    expect(ids(detect(html)).sort()).toEqual(['b0,b1,b2,b3', 'c0,c1,c2,c3,c4,c5'])
  })

  it('is broken by another field between the boxes', () => {
    expect(detect(`<div>${boxes(3)}<input name="x">${boxes(3).replaceAll('id="b', 'id="c')}</div>`)).toEqual([])
  })

  it('skips a hidden aggregate field and invisible boxes', () => {
    const html = `<div>${boxes(6)}<input type="hidden" name="code"><input maxlength="1" style="display:none"></div>`
    expect(ids(detect(html))).toEqual(['b0,b1,b2,b3,b4,b5'])
  })

  it('drops boxes named as something else', () => {
    expect(detect(`<div>${boxes(4, 'maxlength="1" name="card"')}</div>`)).toEqual([])
  })

  it('orders boxes visually, left to right', () => {
    document.body.innerHTML = `<div style="display:flex;flex-direction:row-reverse">${boxes(4)}</div>`
    document.querySelectorAll('input').forEach((el, i) => {
      el.getBoundingClientRect = () => new DOMRect(300 - i * 50, 0, 40, 40)
    })
    const [m] = detectOtpFields(document, opts)
    expect(m?.kind === 'split' && m.inputs.map((i) => i.id)).toEqual(['b3', 'b2', 'b1', 'b0'])
  })

  it('orders boxes right to left in an RTL container, line by line', () => {
    document.body.innerHTML = `<div dir="rtl" style="direction:rtl">${boxes(4)}</div>`
    const rects = [new DOMRect(200, 0, 40, 40), new DOMRect(100, 0, 40, 40), new DOMRect(200, 60, 40, 40), new DOMRect(100, 60, 40, 40)]
    document.querySelectorAll('input').forEach((el, i) => {
      el.getBoundingClientRect = () => rects[i] ?? new DOMRect()
    })
    const [m] = detectOtpFields(document, opts)
    expect(m?.kind === 'split' && m.inputs.map((i) => i.id)).toEqual(['b0', 'b1', 'b2', 'b3'])
  })
})

describe('detectOtpFields: scoring and options', () => {
  it('sorts by score, autocomplete first', () => {
    const html =
      '<form><label for="a">Code</label><input id="a" maxlength="6" inputmode="numeric"></form><form><input id="b" autocomplete="one-time-code"></form>'
    const matches = detect(html)
    expect(ids(matches)).toEqual(['b', 'a'])
    expect(matches[0]?.score).toBe(100)
    expect(matches[0]?.reasons[0]).toBe('autocomplete')
    expect(matches[1]?.score).toBeLessThan(100)
  })

  it('honours minScore', () => {
    document.body.innerHTML = '<input id="x" placeholder="123456" maxlength="6" inputmode="numeric">'
    expect(detectOtpFields(document, { ...opts, minScore: 50 })).toEqual([])
    expect(detectOtpFields(document, { ...opts, minScore: 10 })).toHaveLength(1)
  })

  it('uses the injected isVisible', () => {
    document.body.innerHTML = '<input id="x" name="otp"><input id="y" name="totp">'
    const found = detectOtpFields(document, { isVisible: (el) => el.id !== 'x' })
    expect(ids(found)).toEqual(['y'])
  })

  it.each([
    ['We sent a code to your phone.', true],
    ['We texted you a code.', true],
    ['Check your email for a code.', true],
    ['Wir haben Ihnen einen Code per SMS gesendet.', true],
    ['验证码已发送至您的手机', true],
    ['Open your authenticator app.', false],
    ['We sent a code to your phone. Or use your authenticator app.', false],
    ['Enter the code.', false],
  ])('smsHint for %j is %s', (text, sms) => {
    const [m] = detect(`<form><p>${text}</p><input name="otp"></form>`)
    expect(m?.sentBy != null).toBe(sms)
  })
})

describe('detectOtpFields: roots, shadow DOM and frames', () => {
  it('takes an Element or a ShadowRoot as root', () => {
    document.body.innerHTML = '<form id="f"><input id="x" name="otp"></form><input id="y" name="otp">'
    const form = document.getElementById('f') as HTMLFormElement
    expect(ids(detectOtpFields(form, opts))).toEqual(['x'])
    const host = document.createElement('div')
    document.body.append(host)
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<input id="z" name="otp">'
    expect(ids(detectOtpFields(shadow, opts))).toEqual(['z'])
  })

  it('walks nested open shadow roots, but not closed ones', () => {
    document.body.innerHTML = '<div id="outer"></div><div id="closed"></div>'
    const outer = (document.getElementById('outer') as HTMLElement).attachShadow({ mode: 'open' })
    outer.innerHTML = '<section><div id="inner"></div></section>'
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' })
    inner.innerHTML = '<label for="c">Verification code</label><input id="c">'
    const closed = (document.getElementById('closed') as HTMLElement).attachShadow({ mode: 'closed' })
    closed.innerHTML = '<input id="hidden-away" name="otp">'
    expect(ids(detectOtpFields(document, opts))).toEqual(['c'])
  })

  it('walks same-origin frames and skips ones it cannot read', async () => {
    document.body.innerHTML =
      '<iframe id="same" srcdoc="<input id=&quot;f&quot; name=&quot;otp&quot;>"></iframe><iframe id="cross" srcdoc="<input name=&quot;otp&quot;>"></iframe>'
    const cross = document.getElementById('cross') as HTMLIFrameElement
    Object.defineProperty(cross, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError')
      },
    })
    const same = document.getElementById('same') as HTMLIFrameElement
    for (let i = 0; i < 100 && !same.contentDocument?.getElementById('f'); i++) await new Promise((r) => setTimeout(r, 10))
    expect(ids(detectOtpFields(document, opts))).toEqual(['f'])
    expect(detectOtpFields(document, { isVisible: (el) => el.localName !== 'iframe' })).toEqual([])
  })
})
