// JS side of the browser front (linked with --js-library): canvas size and pixel ratio, the
// hidden textarea for IME and on-screen keyboards, the language preference, the automation
// hook (window.hearth, see docs/testing.md) and the page's error screens (shell/loader.js).
mergeInto(LibraryManager.library, {
  hearth_js_fit_canvas: function () {
    var c = Module['canvas'], dpr = window.devicePixelRatio || 1;
    var w = Math.max(1, Math.round(c.clientWidth * dpr)), h = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
  },
  hearth_js_device_pixel_ratio: function () { return window.devicePixelRatio || 1; },
  // A touch screen without a fine pointer (a tablet): the UI makes every target at least 44 CSS px.
  hearth_js_coarse_pointer: function () {
    return window.matchMedia && window.matchMedia('(pointer: coarse)').matches && !window.matchMedia('(pointer: fine)').matches ? 1 : 0;
  },

  // Keep the hidden textarea at ImGui's caret, focused exactly while ImGui wants text.
  hearth_js_ime: function (want, x, y, h, dpr) {
    var ta = document.getElementById('ime'), c = Module['canvas'];
    if (!ta) return;
    var r = c.getBoundingClientRect();
    ta.style.left = (r.left + x / dpr) + 'px';
    ta.style.top = (r.top + y / dpr) + 'px';
    ta.style.height = Math.max(1, h / dpr) + 'px';
    if (want && document.activeElement !== ta) ta.focus({ preventScroll: true });
    if (!want && document.activeElement === ta) { ta.blur(); ta.value = ''; }
  },

  hearth_js_publish_items: function (json) {
    window.hearth = window.hearth || {};
    window.hearth.items = JSON.parse(UTF8ToString(json));
  },
  hearth_js_publish_store: function (json) {
    window.hearth = window.hearth || {};
    window.hearth.store = JSON.parse(UTF8ToString(json));
  },
  hearth_js_frame_done: function (n, drawn) {
    var h = window.hearth = window.hearth || {};
    h.frame = n;
    h.framesDrawn = drawn;  // frames whose picture changed (the others skip the GL work)
    if (n === 1 && Module['onFirstFrame']) Module['onFirstFrame']();
    // the first frame drawn with the local data: the store was ready when the frame began
    if (h.usableMs === undefined && h.store && h.store.phase === 'ready') {
      if (h.readyByFrame === undefined) h.readyByFrame = n;
      else h.usableMs = performance.now();
    }
  },
  // window.hearth.alwaysDraw (set before start): draw every frame, even one identical to the last,
  // to measure what skipping them saves (bench, docs/performance.md)
  hearth_js_always_draw: function () { return window.hearth && window.hearth.alwaysDraw ? 1 : 0; },
  hearth_js_main_ready: function () { if (Module['onMainReady']) Module['onMainReady'](); },

  hearth_js_language: function (out, size) {
    var lang = 'zh-CN';
    try { lang = localStorage.getItem('hearth.language') || 'zh-CN'; } catch (e) { /* storage blocked: default */ }
    stringToUTF8(lang, out, size);
    return 0;
  },
  hearth_js_set_language: function (lang) {
    lang = UTF8ToString(lang);
    try { localStorage.setItem('hearth.language', lang); } catch (e) { /* not critical: the default applies next time */ }
    document.documentElement.lang = lang;
    window.hearth = window.hearth || {};
    window.hearth.language = lang;
  },
  // docs/offline.md: the person chose to restart into the new version / to install the app
  hearth_js_apply_update: function () { if (window.hearth && window.hearth.applyUpdate) window.hearth.applyUpdate(); },
  hearth_js_install_app: function () { if (window.hearth && window.hearth.installApp) window.hearth.installApp(); },
  hearth_js_fatal: function (kind, detail) {
    if (Module['fatal']) Module['fatal'](UTF8ToString(kind), UTF8ToString(detail));
  },
});
