import type { AccountsModel } from '../models/accounts-model.ts'

interface Targets {
  accounts: AccountsModel
  list: HTMLElement | null
  search: HTMLInputElement | null
  rowHeight: number
}

const codeButtons = (list: HTMLElement) => [...list.querySelectorAll<HTMLButtonElement>('button[data-account]')]

/** Focuses the row at `index`, scrolling it into the rendered window first if the list is long. */
function focusRow(list: HTMLElement, index: number, rowHeight: number): void {
  const find = () => list.querySelector<HTMLElement>(`li[data-index="${index}"] button[data-account]`)
  const row = find()
  if (row) return row.focus()
  list.scrollTop = index * rowHeight
  list.dispatchEvent(new Event('scroll'))
  requestAnimationFrame(() => find()?.focus())
}

/**
 * Keyboard use of the list: typing anywhere searches, `/` focuses search, arrows
 * move between codes, Enter copies (the code is a button), Esc clears the search,
 * Alt+arrows move an account in the manual order.
 */
export function listKeyDown(e: KeyboardEvent, { accounts, list, search, rowHeight }: Targets): void {
  const target = e.target as HTMLElement
  const inField = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
  if (e.key === 'Escape' && accounts.query.value) {
    accounts.search('')
    search?.focus()
    e.preventDefault()
    return
  }
  if (!inField && (e.key === '/' || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' '))) {
    search?.focus()
    if (e.key === '/') e.preventDefault()
    return
  }
  if (!list || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return
  const step = e.key === 'ArrowDown' ? 1 : -1
  const current = target.closest<HTMLElement>('li[data-index]')
  const index = current ? Number(current.dataset.index) : -1
  if (e.altKey && current) {
    const id = target.closest('li')?.querySelector<HTMLElement>('button[data-account]')?.dataset.account
    if (id) void accounts.moveBy(id, step).then(() => focusRow(list, Math.max(0, index + step), rowHeight))
    e.preventDefault()
    return
  }
  const total = accounts.visible.value.length
  const next = index < 0 ? (step > 0 ? 0 : total - 1) : Math.min(total - 1, Math.max(0, index + step))
  if (codeButtons(list).length || total) focusRow(list, next, rowHeight)
  e.preventDefault()
}
