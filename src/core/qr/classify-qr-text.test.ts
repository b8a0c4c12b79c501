import { describe, expect, it } from 'vitest'
import { classifyQrText, type QrTextKind } from './classify-qr-text.ts'

describe('classifyQrText', () => {
  it.each<[string, QrTextKind]>([
    ['otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME', 'otpauth'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0', 'otpauth'],
    ['OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP', 'otpauth'],
    ['  otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n', 'otpauth'],
    ['otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU', 'migration'],
    ['Otpauth-Migration://offline?data=x', 'migration'],
    ['steam://JBSWY3DPEHPK3PXP', 'steam'],
    ['https://example.com/otpauth://totp/x', 'other'],
    ['http://example.com', 'other'],
    ['WIFI:S:home;T:WPA;P:secret;;', 'other'],
    ['otpauth:/totp/x', 'other'],
    ['otpauth-migrationx://offline', 'other'],
    ['steamcommunity://x', 'other'],
    ['JBSWY3DPEHPK3PXP', 'other'],
    ['', 'other'],
  ])('%j is %s', (text, kind) => {
    expect(classifyQrText(text)).toEqual({ kind, text })
  })
})
