/**
 * The popup's one busy flag and one error line, shared by the other models: a person's action
 * runs through `run`, which shows its failure (and the form field it is about, when the
 * background named one).
 */
import { signal, type ReadonlySignal } from '@preact/signals'

export type ErrorText = (e: unknown) => string

export function createFeedbackModel(describe: ErrorText = (e) => (e instanceof Error ? e.message : String(e))) {
  const busy = signal(false)
  const error = signal<string | null>(null)
  const errorField = signal<string | null>(null)
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
