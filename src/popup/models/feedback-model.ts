/**
 * The popup's one busy flag and one error line, shared by the other models: a person's action
 * runs through `run`, which shows its failure (and the form field it is about, when the
 * background named one). Status notices ('Added 1.', 'Filled into the page.') are made here
 * too, so that one rule clears them all: they stay until the person moves on.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals'

export type ErrorText = (e: unknown) => string

export function createFeedbackModel(describe: ErrorText = (e) => (e instanceof Error ? e.message : String(e))) {
  const busy = signal(false)
  const error = signal<string | null>(null)
  const errorField = signal<string | null>(null)
  /** How many times the person moved on; a notice shows only while this is what it was when it was set. */
  const moves = signal(0)
  const clearError = () => void (error.value = errorField.value = null)
  const fail = (e: unknown) => {
    error.value = describe(e)
    errorField.value = (e as { field?: string }).field ?? null
  }
  return {
    busy: busy as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    /** The field a form error belongs to, when the background named one. */
    errorField: errorField as ReadonlySignal<string | null>,
    fail,
    clearError,
    /**
     * The person moved on (typed a search, copied a code, opened another screen): the notices
     * and the error line about what they did before clear. Warnings that wait for an answer
     * (fill on another site, framed form, clock, no password) are not notices and stay.
     * peek(): called from effects, which must not depend on `moves`.
     */
    movedOn: () => {
      moves.value = moves.peek() + 1
      clearError()
    },
    /** A status notice: `shown` is what was last `set` until the person moves on, then `empty`. */
    notice: <T>(empty: T) => {
      const held = signal<{ value: T; at: number } | null>(null)
      return {
        shown: computed<T>(() => {
          const h = held.value
          return h && h.at === moves.value ? h.value : empty
        }),
        set: (value: T) => void (held.value = { value, at: moves.peek() }),
      }
    },
    /** Runs a person's action: busy meanwhile, its failure shown; undefined when it failed. */
    run: async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      busy.value = true
      clearError()
      try {
        return await action()
      } catch (e) {
        fail(e)
        return undefined
      } finally {
        busy.value = false
      }
    },
  }
}

export type FeedbackModel = ReturnType<typeof createFeedbackModel>
