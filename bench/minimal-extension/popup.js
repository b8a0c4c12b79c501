// The minimal extension's popup: one request for names and codes, then plain DOM for the rows in
// view only (the same markup and classes as Keyfob's list, which the benchmark waits for).
const ROW_HEIGHT = 58
const list = document.querySelector('.list')
const ul = document.querySelector('.accounts')
/** @type {{ issuer: string, account: string, code: string }[]} */
let rows = []

function row(r) {
  const li = document.createElement('li')
  li.className = 'account'
  const avatar = document.createElement('span')
  avatar.className = 'avatar'
  avatar.textContent = (r.issuer || r.account).slice(0, 1).toUpperCase()
  const names = document.createElement('div')
  names.className = 'names'
  const issuer = document.createElement('span')
  issuer.className = 'issuer'
  issuer.textContent = r.issuer
  const account = document.createElement('span')
  account.className = 'account-name'
  account.textContent = r.account
  names.append(issuer, account)
  const code = document.createElement('button')
  code.type = 'button'
  code.className = 'code'
  code.textContent = `${r.code.slice(0, 3)} ${r.code.slice(3)}`
  li.append(avatar, names, code)
  return li
}

/** Draws the rows between the top of the scrolled list and its bottom edge; padding stands for the others. */
function draw() {
  const height = list.clientHeight || 430
  const first = Math.floor(list.scrollTop / ROW_HEIGHT)
  const last = Math.min(rows.length, first + Math.ceil(height / ROW_HEIGHT) + 1)
  ul.style.paddingTop = `${first * ROW_HEIGHT}px`
  ul.style.paddingBottom = `${(rows.length - last) * ROW_HEIGHT}px`
  ul.replaceChildren(...rows.slice(first, last).map(row))
}

list.addEventListener('scroll', draw, { passive: true })
chrome.runtime.sendMessage({ type: 'codes' }).then((answer) => {
  if (!answer?.ok) throw new Error(answer?.error ?? 'no answer')
  rows = answer.value.rows
  draw()
})
