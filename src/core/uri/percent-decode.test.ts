import { describe, expect, it } from 'vitest'
import { isKeyfobError } from '../errors.ts'
import { percentDecode } from './percent-decode.ts'

const opts = { plusAsSpace: false, what: 'the label' }

describe('percentDecode', () => {
  it('decodes UTF-8 and treats + as asked', () => {
    expect(percentDecode('%F0%9F%98%80a+b', opts)).toBe('😀a+b')
    expect(percentDecode('Air+Canada%2B', { ...opts, plusAsSpace: true })).toBe('Air Canada+')
  })

  it.each(['%', '%Z1', 'a%2', '%C0%80', '%ED%A0%80', '%E4%BD'])('refuses %s', (text) => {
    try {
      percentDecode(text, opts)
      expect.unreachable()
    } catch (e) {
      expect(isKeyfobError(e, 'INVALID_URI')).toBe(true)
    }
  })

  it('uses the error code and names the part it was given', () => {
    expect(() => percentDecode('%', { ...opts, what: 'the export data', code: 'INVALID_MIGRATION' })).toThrow(
      "The export data has malformed percent-encoding: '%'.",
    )
  })
})
