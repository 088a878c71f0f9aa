// Runs in the page (plain JS: the bench compiles without DOM types). Every word of every text node, and
// of fields' values and placeholders, that is inside the viewport, visible, and not covered by another
// element at its centre; boxes in CSS pixels. A field's words all get the field's box.
(() => {
  const out = [];
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const transform = (s, t) => (t === 'uppercase' ? s.toUpperCase() : t === 'lowercase' ? s.toLowerCase() : s);
  const visible = (el, b) => {
    if (b.width < 1 || b.height < 1 || b.left < 0 || b.top < 0 || b.right > vw || b.bottom > vh) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !!hit && (hit === el || el.contains(hit) || hit.contains(el));
  };
  const push = (el, text, b) => {
    const cs = getComputedStyle(el);
    out.push({ text: transform(text, cs.textTransform), x: b.left, y: b.top, w: b.width, h: b.height, fontPx: parseFloat(cs.fontSize), button: !!el.closest('button, [role="button"]') });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, select, textarea')) continue;
    for (const m of (n.textContent || '').matchAll(/\S+/g)) {
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      const b = r.getBoundingClientRect();
      if (visible(el, b)) push(el, m[0], b);
    }
  }
  for (const el of document.querySelectorAll('input, textarea, select')) {
    if (el.tagName === 'INPUT' && ['checkbox', 'radio', 'hidden', 'password', 'range', 'color'].includes(el.type)) continue;
    const value = el.tagName === 'SELECT' ? (el.selectedOptions[0] ? el.selectedOptions[0].text : '') : el.value || el.placeholder;
    const b = el.getBoundingClientRect();
    if (value && visible(el, b)) for (const m of value.matchAll(/\S+/g)) push(el, m[0], b);
  }
  return out;
})()
