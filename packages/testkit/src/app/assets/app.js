// Shared UI helpers for the demo app. Animations run on requestAnimationFrame + performance.now and
// delays on setTimeout, never on CSS transitions: the recorder fakes those clocks, so frames are exact.
(function () {
  'use strict';

  /** Tells a listening recorder why the screen is about to change when no user action caused it. */
  function emit(kind) {
    window.dispatchEvent(new CustomEvent('demo:ui', { detail: { kind: kind } }));
  }

  function ready(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  function animate(ms, onFrame, done) {
    var start = performance.now();
    onFrame(0);
    function step() {
      var p = Math.min(1, (performance.now() - start) / ms);
      onFrame(p);
      if (p < 1) requestAnimationFrame(step);
      else if (done) done();
    }
    requestAnimationFrame(step);
  }

  function toast(message) {
    var box = document.getElementById('toasts');
    var el = document.createElement('div');
    el.className = 'toast';
    el.textContent = message;
    box.appendChild(el);
    animate(200, function (p) {
      el.style.opacity = String(p);
      el.style.transform = 'translateY(' + Math.round((1 - p) * 16) + 'px)';
    });
    setTimeout(function () {
      emit('toast-hide');
      animate(200, function (p) { el.style.opacity = String(1 - p); }, function () { el.remove(); });
    }, 2000);
  }

  function fadeIn(el, ms) {
    animate(ms || 300, function (p) { el.style.opacity = String(p); }, function () { el.style.opacity = ''; });
  }

  /**
   * A skeleton loader: `rows` grey bars with a shimmer that moves every frame, for `ms`; then `render`
   * fills `container` and the new content fades in. Announces 'loaded' when the content replaces it.
   */
  function skeleton(container, rows, ms, render) {
    var bars = [];
    for (var i = 0; i < rows; i++) {
      var bar = document.createElement('div');
      bar.className = 'skeleton';
      bar.style.width = (92 - ((i * 17) % 35)) + '%';
      bar.setAttribute('aria-hidden', 'true');
      container.appendChild(bar);
      bars.push(bar);
    }
    var start = performance.now();
    function shimmer() {
      if (!bars[0].isConnected) return;
      // 0–100 % of a 200 %-wide image keeps the band in view: a frozen-looking frame would be a state of its own.
      var x = Math.round(((performance.now() - start) / 6) % 100);
      bars.forEach(function (b) { b.style.backgroundPosition = (100 - x) + '% 0'; });
      requestAnimationFrame(shimmer);
    }
    requestAnimationFrame(shimmer);
    setTimeout(function () {
      emit('loaded');
      bars.forEach(function (b) { b.remove(); });
      var content = render();
      if (content) fadeIn(content, 300);
    }, ms);
  }

  /** A spinner that turns while it is in the document. */
  function spinner() {
    var el = document.createElement('span');
    el.className = 'spinner';
    el.setAttribute('aria-hidden', 'true');
    var start = performance.now();
    function turn() {
      if (!el.isConnected) return;
      el.style.transform = 'rotate(' + Math.round(((performance.now() - start) * 0.4) % 360) + 'deg)';
      requestAnimationFrame(turn);
    }
    requestAnimationFrame(turn);
    return el;
  }

  /** Shows a "Loading…" status in `container` for `ms`, then calls render (deterministic delay). */
  function load(container, ms, render, doneKind) {
    var status = document.createElement('div');
    status.className = 'loading';
    status.setAttribute('role', 'status');
    status.appendChild(spinner());
    status.appendChild(document.createTextNode('Loading…'));
    container.appendChild(status);
    setTimeout(function () {
      emit(doneKind || 'spinner-done');
      status.remove();
      render();
    }, ms);
  }

  function openModal(dialog) {
    dialog.style.opacity = '0';
    dialog.showModal();
    animate(150, function (p) { dialog.style.opacity = String(p); });
  }

  function setError(input, message) {
    var err = document.getElementById(input.id + '-error');
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', err.id);
      err.textContent = message;
      err.hidden = false;
    } else {
      input.removeAttribute('aria-invalid');
      err.hidden = true;
      err.textContent = '';
    }
    return !message;
  }

  function go(url) {
    location.assign(url);
  }

  function initNav() {
    var here = location.pathname;
    document.querySelectorAll('header nav a').forEach(function (a) {
      if (a.getAttribute('href') === here) a.setAttribute('aria-current', 'page');
    });
  }

  /** Menu button pattern (https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/). */
  function initMenuButton(button) {
    var menu = document.getElementById(button.getAttribute('aria-controls'));
    var items = Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
    function setOpen(open) {
      button.setAttribute('aria-expanded', String(open));
      menu.hidden = !open;
      if (open && items[0]) items[0].focus();
    }
    button.addEventListener('click', function () { setOpen(menu.hidden); });
    menu.addEventListener('keydown', function (e) {
      var i = items.indexOf(document.activeElement);
      if (e.key === 'Escape') { setOpen(false); button.focus(); }
      else if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); items[(i + items.length - 1) % items.length].focus(); }
      else if (e.key === 'Enter' && i >= 0) go(items[i].dataset.href);
    });
    items.forEach(function (item) { item.addEventListener('click', function () { go(item.dataset.href); }); });
    document.addEventListener('click', function (e) {
      if (!menu.hidden && !menu.contains(e.target) && e.target !== button) setOpen(false);
    });
  }

  /** Select-only combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-select-only/). */
  function initCombobox(combo, onChange) {
    var list = document.getElementById(combo.getAttribute('aria-controls'));
    var options = Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    function setOpen(open) {
      combo.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
    }
    function choose(option) {
      options.forEach(function (o) { o.setAttribute('aria-selected', String(o === option)); });
      combo.textContent = option.textContent;
      setOpen(false);
      combo.focus();
      if (onChange) onChange(option.dataset.value);
    }
    combo.addEventListener('click', function () { setOpen(list.hidden); });
    combo.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') setOpen(false);
      else if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); }
    });
    options.forEach(function (o) { o.addEventListener('click', function () { choose(o); }); });
    document.addEventListener('click', function (e) {
      if (!list.hidden && !list.contains(e.target) && e.target !== combo) setOpen(false);
    });
  }

  /** Tabs with automatic activation (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/). */
  function initTabs(tablist) {
    var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]'));
    function select(tab) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute('aria-selected', String(on));
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      });
      tab.focus();
    }
    tabs.forEach(function (t, i) {
      t.addEventListener('click', function () { select(t); });
      t.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length]);
        else if (e.key === 'ArrowLeft') select(tabs[(i + tabs.length - 1) % tabs.length]);
      });
    });
  }

  window.Demo = { emit: emit, ready: ready, animate: animate, toast: toast, spinner: spinner, load: load,
    openModal: openModal, setError: setError, go: go, initCombobox: initCombobox, initTabs: initTabs,
    fadeIn: fadeIn, skeleton: skeleton, initMenuButton: initMenuButton };

  ready(function () {
    initNav();
    var account = document.getElementById('account-button');
    if (account) initMenuButton(account);
  });
})();
