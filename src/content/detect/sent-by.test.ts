import { describe, expect, it } from 'vitest'
import { normalise } from './otp-hints.ts'
import { sentBy } from './sent-by.ts'

describe('sentBy', () => {
  it.each([
    ['We sent a code to your phone.', 'sms'],
    ['We texted you a code.', 'sms'],
    ['Enter the code from the text message we sent.', 'sms'],
    ['Wir haben Ihnen einen Code per SMS gesendet.', 'sms'],
    ['验证码已发送至您的手机', 'sms'],
    ['Check your email for a code.', 'email'],
    ['We sent a login code to alice@example.com.', 'email'],
    ['We sent a sign-in code to a••••@example.com by e-mail.', 'email'],
    ['Nous vous avons envoyé un code par courriel.', 'email'],
    ['验证码已发送到您的邮件', 'email'],
    // Both named: the first one is where the code went, the other the fallback offered.
    ['We texted you a code. Did not get it? Send it by e-mail instead.', 'sms'],
    ['We e-mailed you a code. No e-mail? Send a text message instead.', 'email'],
    ['We have sent you a code.', 'sent'],
  ])('%j: %s', (text, want) => {
    expect(sentBy(normalise(text))).toBe(want)
  })

  it.each([
    'Open your authenticator app.',
    'We sent a code to your phone. Or use your authenticator app.',
    'Enter the code from your authenticator app, or the one we e-mailed you.',
    'Enter the code.',
    'Authentication code',
  ])('%j: not a sent code', (text) => {
    expect(sentBy(normalise(text))).toBeNull()
  })
})
