// A hostile page's own eyes: everything the page (or a frame in it) can observe is
// recorded in window.__seen, so tests can assert what the page saw, not only what it shows.
;(() => {
  const seen = { events: [], messages: [], nodes: [], notes: [] }
  window.__seen = seen
  const describe = (t) => (t && (t.id || t.name || t.nodeName)) || String(t)
  for (const type of ['input', 'change', 'beforeinput', 'keydown', 'keyup', 'keypress', 'paste', 'submit', 'focusin', 'contextmenu']) {
    document.addEventListener(
      type,
      (e) => {
        const target = e.composedPath()[0]
        seen.events.push({
          type,
          target: describe(target),
          value: typeof target?.value === 'string' ? target.value : null,
          key: e.key ?? null,
          data: e.data ?? null,
        })
        if (type === 'submit') e.preventDefault()
      },
      true,
    )
  }
  window.addEventListener('message', (e) => {
    let data
    try {
      data = JSON.stringify(e.data)
    } catch {
      data = String(e.data)
    }
    seen.messages.push({ origin: e.origin, data })
  })
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes)
        seen.nodes.push({
          name: n.nodeName,
          text: (n.textContent || '').slice(0, 500),
          openShadow: n.shadowRoot ? n.shadowRoot.innerHTML.slice(0, 500) : null,
        })
      if (r.type === 'characterData') seen.nodes.push({ name: '#text-change', text: String(r.target.data).slice(0, 500), openShadow: null })
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true })
  // The page's own DOM clobbering (clobber.html) may shadow document.querySelectorAll: use the prototype's.
  const inputs = () => [...Document.prototype.querySelectorAll.call(document, 'input, textarea')]
  /** Everything the page can read, as one string to search for leaks. */
  window.__everything = () =>
    JSON.stringify({
      seen,
      values: inputs().map((i) => i.value),
      html: document.documentElement.outerHTML,
      text: document.documentElement.innerText,
      title: document.title,
    })
  window.__values = () => Object.fromEntries(inputs().map((i, k) => [i.id || `input${k}`, i.value]))
})()
