import { describe, expect, it } from 'vitest'
import { KeyfobError } from '../../core/errors.ts'
import { failed } from './scan-service.ts'

describe('a scan that failed', () => {
  it('carries the error’s code and values for the panel to translate, not its English sentence', () => {
    expect(failed(new KeyfobError('REGION_OUTSIDE_PAGE', 'That box is outside the visible page.')).message).toEqual({
      key: 'error_REGION_OUTSIDE_PAGE',
      values: ['That box is outside the visible page.'],
    })
    expect(failed(new KeyfobError('THROTTLED', 'Too many', { values: ['30'] })).message).toEqual({ key: 'error_THROTTLED', values: ['30'] })
  })

  it('says only that it failed when the error is not Keyfob’s own (no internal detail reaches the page)', () => {
    expect(failed(new TypeError('secret internals')).message).toEqual({ key: 'scanFailed' })
  })
})
