// Injected before any page script (addInitScript). Plain JS, read as text: it runs in the browser.
//
// 1. A virtual clock. Date, performance.now, setTimeout/setInterval, requestAnimationFrame and
//    Math.random are replaced; time only moves when the recorder calls __cs.tick(t), which runs every
//    due timer in order and then one animation frame. So the page's state at frame time t is the same
//    on every run, however slow the machine is.
// 2. Change tracking, so the recorder only screenshots when something may have changed: DOM
//    mutations, input/scroll/focus events, and `demo:ui` events the demo app emits to say why.
// 3. Navigation tracking (Navigation API), carried to the next document through sessionStorage,
//    along with the virtual time, so time never jumps back on a page load.
// 4. What the pointer layer needs (__cs.tick(t, x, y)): the pointer's shape from the computed `cursor`
//    under it, the hover highlight's box, the caret's box and blink phase. The recorder draws these on
//    top of the captured page, so the ground truth (the page's own pixels) never contains them.
(function () {
  'use strict';
  if (window.__cs) return;
  var EPOCH = Date.UTC(2025, 2, 14, 9, 30, 0);
  var NOW_KEY = '__csNow', NAV_KEY = '__csNav';
  var store = null;
  try { store = window.sessionStorage; } catch (e) { /* opaque origins (about:blank) */ }
  var now = store ? Number(store.getItem(NOW_KEY)) || 0 : 0;
  var docStart = now;
  var arrivedVia = null;
  if (store && store.getItem(NAV_KEY)) {
    try { arrivedVia = JSON.parse(store.getItem(NAV_KEY)); } catch (e) {}
    store.removeItem(NAV_KEY);
  }
  var RealDate = Date;
  var realPerf = performance.now.bind(performance);
  var realSetTimeout = window.setTimeout.bind(window);
  var docId = String(realPerf()) + ':' + Math.random();
  var state = { dirty: true, labels: [], nav: null };
  function mark() { state.dirty = true; }
  function save() { if (store) try { store.setItem(NOW_KEY, String(now)); } catch (e) {} }

  // --- clock -------------------------------------------------------------------------------------
  function FakeDate() {
    if (!new.target) return new RealDate(EPOCH + now).toString();
    var args = Array.prototype.slice.call(arguments);
    return args.length ? new (Function.prototype.bind.apply(RealDate, [null].concat(args)))() : new RealDate(EPOCH + now);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = function () { return EPOCH + now; };
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  window.Date = FakeDate;
  Object.defineProperty(performance, 'now', { value: function () { return now - docStart; }, configurable: true });

  var seed = 0x2f6b1d3;
  Math.random = function () { // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    var t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  var timers = new Map(), nextTimer = 1, frames = new Map(), nextFrame = 1;
  function addTimer(fn, delay, args, repeat) {
    var ms = Math.max(0, Number(delay) || 0);
    var id = nextTimer++;
    timers.set(id, { fn: fn, args: args, at: now + ms, every: repeat ? Math.max(1, ms) : 0 });
    return id;
  }
  window.setTimeout = function (fn, delay) { return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), false); };
  window.setInterval = function (fn, delay) { return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), true); };
  window.clearTimeout = window.clearInterval = function (id) { timers.delete(id); };
  window.requestAnimationFrame = function (fn) { var id = nextFrame++; frames.set(id, fn); return id; };
  window.cancelAnimationFrame = function (id) { frames.delete(id); };
  window.requestIdleCallback = function (fn) { return addTimer(function () { fn({ didTimeout: false, timeRemaining: function () { return 50; } }); }, 1, [], false); };
  window.cancelIdleCallback = window.clearTimeout;

  function run(fn, args) {
    try {
      if (typeof fn === 'function') fn.apply(window, args);
      else (0, eval)(String(fn));
    } catch (err) {
      reportError(err);
    }
  }
  /** A real macrotask: lets promise chains and MutationObserver callbacks from timers settle. */
  function flush() {
    return new Promise(function (resolve) {
      var ch = new MessageChannel();
      ch.port1.onmessage = function () { resolve(); };
      ch.port2.postMessage(0);
    });
  }

  /**
   * Resolves once the document has loaded (or after 15 s of real time). A click's navigation can commit the next
   * document before the recorder sees it go; ticking or reading that document while it still parses would start its
   * scripts' clocks a frame late on some runs and not on others.
   */
  function loaded() {
    if (document.readyState === 'complete') return null;
    return new Promise(function (resolve) {
      window.addEventListener('load', function () { realSetTimeout(resolve, 0); }, { once: true });
      realSetTimeout(resolve, 15000);
    });
  }

  async function tick(target, x, y) {
    await loaded();
    var ran = false;
    noteSelection(); // what the last action did, at the time it happened
    for (var guard = 0; ; guard++) {
      var nextId = -1, next = null;
      timers.forEach(function (t, id) { if (t.at <= target && (!next || t.at < next.at)) { next = t; nextId = id; } });
      if (!next || state.nav) break; // once the page is leaving, its later timers no longer matter
      if (guard > 100000) throw new Error('timer storm');
      now = Math.max(now, next.at);
      if (next.every) next.at += next.every; else timers.delete(nextId);
      ran = true;
      run(next.fn, next.args);
      await null;
      noteSelection();
    }
    if (!state.nav) {
      now = Math.max(now, target);
      var callbacks = Array.from(frames.values());
      frames.clear();
      for (var i = 0; i < callbacks.length; i++) run(callbacks[i], [now - docStart]);
      if (ran || callbacks.length) await flush();
      save();
    }
    return drain(x, y);
  }

  var scrolledTo = '';
  function drain(x, y) {
    noteSelection();
    if (observer.takeRecords().length) state.dirty = true;
    // The 'scroll' event fires at a later animation frame, in real time: a scroll is seen here, when it happened.
    var at = window.scrollX + ',' + window.scrollY;
    if (at !== scrolledTo) state.dirty = true;
    scrolledTo = at;
    var out = {
      docId: docId, now: now, url: location.href, ready: document.readyState,
      dirty: state.dirty, labels: state.labels.splice(0), nav: state.nav, via: arrivedVia,
      scrollX: window.scrollX, scrollY: window.scrollY, title: document.title,
      pointer: typeof x === 'number' ? pointer(x, y) : null, caret: caret(),
      texts: state.dirty ? visibleTexts() : null,
    };
    state.dirty = false;
    arrivedVia = null;
    return out;
  }

  // --- change tracking ------------------------------------------------------------------------------
  var observer = new MutationObserver(mark);
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  ['input', 'change', 'scroll', 'focusin', 'focusout', 'toggle', 'load', 'resize', 'close'].forEach(function (type) {
    window.addEventListener(type, mark, true);
  });
  document.addEventListener('selectionchange', mark);
  window.addEventListener('demo:ui', function (e) {
    state.labels.push({ kind: String(e.detail && e.detail.kind), at: now });
    mark();
  });
  if (window.navigation) {
    window.navigation.addEventListener('navigate', function (e) {
      if (e.destination.sameDocument || e.defaultPrevented) return;
      state.nav = { url: e.destination.url, at: now };
      if (store) try { store.setItem(NAV_KEY, JSON.stringify(state.nav)); } catch (err) {}
      save();
    });
  }
  // The text caret blinks on a real-time timer; hide it so identical states give identical frames.
  document.addEventListener('DOMContentLoaded', function () {
    var style = document.createElement('style');
    style.textContent = '*, *::before, *::after { caret-color: transparent !important; }';
    document.head.appendChild(style);
  });

  // --- pointer layer --------------------------------------------------------------------------------
  var HOVERABLE = 'a[href], button:not([disabled]), [role="menuitem"], [role="option"], [role="tab"], [role="combobox"], .list li, [data-hover]';
  var TEXT_TYPES = /^(text|email|password|search|url|tel|number)$/;
  function isTextField(el) {
    return !!el && (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && TEXT_TYPES.test(el.type)) || el.isContentEditable);
  }
  function box(el) {
    var r = el.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  }
  /** Shape and hover target under (x, y), as a browser would show them (the page's :hover is not used). */
  function pointer(x, y) {
    var el = document.elementFromPoint(x, y);
    if (!el) return { shape: 'arrow', hover: null };
    var cursor = getComputedStyle(el).cursor;
    var shape = cursor === 'pointer' ? 'hand' : cursor === 'text' || (cursor === 'auto' && isTextField(el)) ? 'text' : 'arrow';
    var target = el.closest(HOVERABLE);
    var hover = null;
    if (target) {
      hover = box(target);
      // How strongly it lights up, as typical :hover rules do: menus and options get the accent, buttons and
      // tabs a clear shade, list rows a faint one, links an underline.
      hover.style = target.tagName === 'A' ? 'link' : target.matches('[role="menuitem"], [role="option"]') ? 'menu'
        : target.matches('.list li') ? 'row' : 'button';
      if (target.tagName === 'A') hover.underline = getComputedStyle(target).color;
    }
    return { shape: shape, hover: hover };
  }
  // The caret restarts its blink on focus, on every keystroke and when the selection moves, as in Chromium (530 ms
  // on, 530 off). `selectionchange` fires in a later task, sometimes after the clock moved on, so the selection is
  // compared instead (noteSelection) each time the clock is about to move: the restart time is the same every run.
  var caretSince = 0, measure = null, selectionKey = '', fieldIds = new WeakMap(), nextFieldId = 1;
  ['focusin', 'input', 'keydown', 'mousedown'].forEach(function (type) {
    window.addEventListener(type, function () { caretSince = now; }, true);
  });
  function noteSelection() {
    var el = document.activeElement, key = '';
    if (isTextField(el) && !el.isContentEditable) {
      if (!fieldIds.has(el)) fieldIds.set(el, nextFieldId++);
      key = fieldIds.get(el) + ':' + (el.selectionStart === null ? el.value.length : el.selectionStart + ':' + el.selectionEnd);
    }
    if (key !== selectionKey) {
      selectionKey = key;
      caretSince = now;
      state.dirty = true;
    }
  }
  function caret() {
    var el = document.activeElement;
    if (!isTextField(el) || el.isContentEditable || el.selectionStart !== el.selectionEnd) return null;
    if ((now - caretSince) % 1060 >= 530) return null;
    var cs = getComputedStyle(el);
    measure = measure || document.createElement('canvas').getContext('2d');
    measure.font = cs.font;
    // An email or number field has no selection API (selectionStart is null): typing appends, so the caret is at the end.
    var before = el.selectionStart === null ? el.value : el.value.slice(0, el.selectionStart);
    if (el.type === 'password') before = before.replace(/./g, '\u2022');
    var lines = before.split('\n');
    var lineHeight = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    var b = box(el);
    var left = parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
    var top = parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop);
    var x = b.x + left + Math.min(measure.measureText(lines[lines.length - 1]).width - el.scrollLeft, b.w - 2 * left);
    var y = b.y + top + (el.tagName === 'TEXTAREA' ? (lines.length - 1) * lineHeight - el.scrollTop : 0);
    return { x: Math.round(x), y: Math.round(y), h: Math.round(Math.min(lineHeight, b.h - 2 * top)), color: cs.color };
  }

  // --- ground truth of what is on screen ---------------------------------------------------------------
  /**
   * The short texts the viewer can see, each element's own text (a button's label, a toast, a dialog's title, an
   * error): the truth of "what appeared or changed" is the difference of two of these. Field values are not
   * text nodes (typing is scored on its own); long prose is not a name; a visually hidden label (1 px) is not seen.
   */
  function visibleTexts() {
    var out = [], seen = new Set();
    if (!document.body) return out;
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var el = n.parentElement;
      if (!el || !n.nodeValue.trim() || /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|OPTION)$/.test(el.tagName)) continue;
      // A sentence with inline parts ("<strong>Review</strong> will be removed", "Your tasks <span>(3)</span>")
      // reads as one line: its nearest block, when all the text inside it is inline (not a button or a field
      // beside a label); otherwise the element's own text.
      var block = el;
      while (block.parentElement && block !== document.body && getComputedStyle(block).display === 'inline') block = block.parentElement;
      var inline = Array.prototype.every.call(block.querySelectorAll('*'), function (d) {
        return !d.textContent.trim() || getComputedStyle(d).display === 'inline';
      });
      if (inline) el = block;
      if (seen.has(el)) continue;
      seen.add(el);
      var text = '';
      if (inline) text = el.textContent;
      else for (var c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) text += c.nodeValue;
      text = text.replace(/\s+/g, ' ').trim();
      if (text.length < 2 || text.length > 80) continue;
      if (onScreen(el)) out.push(text);
    }
    return out;
  }

  /** The viewer sees the element: rendered, not transparent, bigger than 1 px (a visually hidden label is not), in view. */
  function onScreen(el) {
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    var r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
  }

  function peek() { return { docId: docId, ready: document.readyState }; }

  // 5. The texts the screen shows for an element acted on (the truth's `shown`): its own text (a select's chosen
  //    option), its placeholder, its visible labels; a field with none of those visible is named by the visible
  //    title of the nearest section or group that declares one (aria-labelledby), as a person reading it would.
  function shownNames(el) {
    function text(e) { return (e.innerText || '').replace(/\s+/g, ' ').trim(); }
    var out = [];
    var field = /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
    if (el.tagName === 'SELECT') out.push(el.selectedOptions[0] ? el.selectedOptions[0].text : '');
    else if (onScreen(el)) out.push(text(el));
    if (el.placeholder) out.push(el.placeholder);
    var labels = field ? Array.prototype.filter.call(el.labels || [], onScreen) : [];
    labels.forEach(function (l) { out.push(text(l)); });
    if (field && !labels.length) {
      for (var a = el.parentElement; a; a = a.parentElement) {
        var ids = a.getAttribute('aria-labelledby');
        if (!ids) continue;
        ids.split(/\s+/).forEach(function (id) {
          var t = document.getElementById(id);
          if (t && onScreen(t)) out.push(text(t));
        });
        break;
      }
    }
    return out.map(function (t) { return t.trim(); }).filter(function (t, i, all) { return t && all.indexOf(t) === i; });
  }

  Object.defineProperty(window, '__cs', { value: { tick: tick, drain: async function () { await loaded(); return drain(); }, peek: peek, shownNames: shownNames }, enumerable: false });
})();
