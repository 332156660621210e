// Index of this file
// - strings: the shell's texts, from the translation catalogs (injected at build time)
// - screens: loading progress and the error screens — never a blank canvas
// - checks: WebAssembly and WebGL 2 before anything is downloaded
// - loading: wasm and fonts fetched in parallel with progress; the full CJK font after the first frame
// - input: the hidden textarea (IME, on-screen keyboards, paste) and touch, handed to the app
// - offline: the service worker (web/sw.js) registered after the first frame; updates offered,
//   never forced (docs/offline.md)
(function () {
  'use strict';

  // ---- strings ------------------------------------------------------------------------------
  var language = 'zh-CN';
  try { language = localStorage.getItem('hearth.language') === 'en' ? 'en' : 'zh-CN'; } catch (e) { /* default */ }
  document.documentElement.lang = language;
  function t(key, arg) {
    var table = window.HEARTH_STRINGS[language] || window.HEARTH_STRINGS['zh-CN'];
    var s = table[key] || window.HEARTH_STRINGS['zh-CN'][key] || key;
    return s.replace('{0}', arg === undefined ? '' : String(arg));
  }
  document.title = t('shell.title');

  var hearth = window.hearth = window.hearth || {};
  hearth.version = window.HEARTH_VERSION;
  hearth.language = language;
  hearth.ready = false;
  hearth.fullFont = false;

  // ---- screens ------------------------------------------------------------------------------
  var splash = document.getElementById('splash');
  var fill = document.getElementById('bar-fill');
  document.getElementById('splash-text').textContent = t('shell.loading');

  var fatalShown = false;
  var errorKeys = { no_wasm: 'shell.error.no_wasm', no_webgl2: 'shell.error.no_webgl2', webgl: 'shell.error.no_webgl2',
                    storage: 'shell.error.storage', load: 'shell.error.load', crash: 'shell.error.crash' };
  function fatal(kind, detail) {
    if (fatalShown) return;
    fatalShown = true;
    hearth.fatal = { kind: kind, detail: detail || '' };
    console.error('[hearth] fatal: ' + kind + (detail ? ' — ' + detail : ''));
    document.getElementById('fatal-title').textContent = t('shell.error.title');
    document.getElementById('fatal-text').textContent = t(errorKeys[kind] || 'shell.error.crash', detail || '');
    document.getElementById('fatal-detail').textContent = detail || '';
    var retry = document.getElementById('fatal-retry');
    retry.textContent = t('shell.retry');
    retry.onclick = function () { location.reload(); };
    splash.hidden = true;
    document.getElementById('canvas').style.visibility = 'hidden';
    document.getElementById('fatal').hidden = false;
  }

  // ---- checks -------------------------------------------------------------------------------
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') { fatal('no_wasm'); return; }
  var probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) { fatal('no_webgl2'); return; }
  var lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  // IndexedDB is the only copy of what is typed here: ask the browser not to evict it under
  // storage pressure (granted silently for installed or often-used sites in Chromium).
  hearth.persisted = null;
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function (ok) { hearth.persisted = ok; }, function () { hearth.persisted = false; });
  }

  // ---- loading ------------------------------------------------------------------------------
  var progress = {};   // url -> [loaded, total]
  function showProgress() {
    var loaded = 0, total = 0, known = true;
    for (var k in progress) { loaded += progress[k][0]; total += progress[k][1]; if (!progress[k][1]) known = false; }
    if (known && total > 0) {
      fill.classList.remove('indeterminate');
      fill.style.width = Math.min(100, 100 * loaded / total).toFixed(1) + '%';
      document.getElementById('splash-detail').textContent =
        (loaded / 1048576).toFixed(1) + ' / ' + (total / 1048576).toFixed(1) + ' MB';
    }
  }
  // fetch with a progress report; rejects with a message naming the file
  function fetchBytes(url, track) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      var total = +(r.headers.get('Content-Length') || 0);
      if (!track || !r.body || !total) return r.arrayBuffer();
      progress[url] = [0, total];
      var reader = r.body.getReader(), chunks = [], got = 0;
      return (function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            var out = new Uint8Array(got), o = 0;
            chunks.forEach(function (c) { out.set(c, o); o += c.length; });
            return out.buffer;
          }
          chunks.push(step.value); got += step.value.length;
          progress[url][0] = got; showProgress();
          return pump();
        });
      })();
    }, function (e) { throw new Error(url + ': ' + e.message); });
  }

  // file?v=<its sha256>: a cache between us and the server can never hand out another version's
  // file under this name (index.html names this build's files: scripts/lib/offline.mjs)
  function versioned(url) {
    var v = (window.HEARTH_FILES || {})[url];
    return v ? url + '?v=' + v : url;
  }
  var wasmBytes = fetchBytes(versioned('hearth.wasm'), true);
  var baseFonts = Promise.all([fetchBytes(versioned('fonts/latin.ttf'), true), fetchBytes(versioned('fonts/cjk-common.ttf'), true)]);
  wasmBytes.catch(function (e) { fatal('load', e.message); });
  baseFonts.catch(function (e) { fatal('load', e.message); });

  function addFont(buffer, merge) {
    var bytes = new Uint8Array(buffer), p = Module._malloc(bytes.length);
    if (!p) { console.warn('[hearth] no memory for a font of ' + bytes.length + ' bytes'); return; }
    Module.HEAPU8.set(bytes, p);
    if (!Module._hearth_add_font(p, bytes.length, merge)) console.warn('[hearth] a font could not be read');   // atlas owns p
  }

  var Module = window.Module = {
    canvas: document.getElementById('canvas'),
    noInitialRun: true,
    print: function (s) { console.log(s); },
    printErr: function (s) { console.warn(s); },
    fatal: fatal,
    instantiateWasm: function (imports, receive) {
      wasmBytes.then(function (bytes) { return WebAssembly.instantiate(bytes, imports); })
        .then(function (r) { receive(r.instance, r.module); })
        .catch(function (e) { fatal('load', 'hearth.wasm: ' + e.message); });
      return {};
    },
    onRuntimeInitialized: function () { Module.callMain([]); },
    onMainReady: function () {
      baseFonts.then(function (fonts) {
        addFont(fonts[0], 0);
        addFont(fonts[1], 1);
        Module._hearth_start();
      });
    },
    onFirstFrame: function () {
      splash.hidden = true;
      hearth.ready = true;
      hearth.firstFrameMs = performance.now();
      // names can hold rare characters: the full CJK font follows, without holding anyone up
      fetchBytes(versioned('fonts/cjk-full.ttf'), false).then(function (buf) {
        addFont(buf, 1);
        hearth.fullFont = true;
      }).catch(function (e) { console.warn('[hearth] full CJK font not loaded: ' + e.message); })
        .then(startOffline);   // the offline copy downloads after what the person waits for
      tellOffline();
    },
    onAbort: function (what) { fatal('crash', String(what)); },
  };
  window.addEventListener('error', function (e) {
    if (e.target && e.target.tagName === 'SCRIPT') fatal('load', e.target.src);
  }, true);

  var script = document.createElement('script');
  script.src = versioned('hearth.js');
  script.onerror = function () { fatal('load', 'hearth.js'); };
  document.body.appendChild(script);

  // ---- input --------------------------------------------------------------------------------
  var ta = document.getElementById('ime'), canvas = Module.canvas;
  function sendText(s) {
    s = s.replace(/[\r\n]/g, '');
    if (!s || !hearth.ready) return;
    var n = Module.lengthBytesUTF8(s) + 1, p = Module._malloc(n);
    if (!p) return;
    Module.stringToUTF8(s, p, n);
    Module._hearth_text_input(p);
    Module._free(p);
  }
  // our own flag: older WebKit (iPads) has no InputEvent.isComposing
  var composing = false;
  ta.addEventListener('input', function (e) { if (composing || e.isComposing) return; sendText(ta.value); ta.value = ''; });
  ta.addEventListener('compositionstart', function () { composing = true; ta.classList.add('composing'); });
  ta.addEventListener('compositionend', function (e) {
    composing = false;
    ta.classList.remove('composing');
    sendText(e.data || ta.value);
    ta.value = '';
  });
  // While the textarea has focus, text arrives through 'input': keep GLFW's own char path out,
  // keep keys away from the app while an IME composes, and let the browser do the pasting.
  window.addEventListener('keypress', function (e) { if (e.target === ta) e.stopImmediatePropagation(); }, true);
  window.addEventListener('keydown', function (e) {
    if (e.target !== ta) return;
    if (composing || e.isComposing || e.keyCode === 229) { e.stopImmediatePropagation(); return; }
    if ((e.ctrlKey || e.metaKey) && (e.key === 'v' || e.key === 'V')) e.stopImmediatePropagation();
  }, true);

  // The app draws on demand (src/app/web_main.cpp): anything a person does wakes it.
  ['mousemove', 'mousedown', 'mouseup', 'keydown', 'keyup', 'wheel', 'touchstart', 'touchmove', 'touchend', 'input',
   'compositionupdate', 'resize', 'focus', 'blur', 'visibilitychange'].forEach(function (type) {
    window.addEventListener(type, function () { if (hearth.ready) Module._hearth_wake(); }, { capture: true, passive: true });
  });

  // Touch: taps and drags go to the app directly (GLFW 3.1.6 would click at a stale position).
  function onTouch(phase) {
    return function (e) {
      var touch = e.changedTouches[0];
      if (!touch || !hearth.ready) return;
      var r = canvas.getBoundingClientRect();
      Module._hearth_touch(phase, (touch.clientX - r.left) * canvas.width / r.width, (touch.clientY - r.top) * canvas.height / r.height);
      // run frames inside the gesture, so focusing the textarea may open the on-screen keyboard;
      // blur first: a field that was already active (focused without a gesture, e.g. at start)
      // must be focused again now, or the keyboard never appears
      if (phase === 2) { ta.blur(); Module._hearth_run_frame(); Module._hearth_run_frame(); }
      e.stopImmediatePropagation();
      e.preventDefault();
    };
  }
  canvas.addEventListener('touchstart', onTouch(0), { capture: true, passive: false });
  canvas.addEventListener('touchmove', onTouch(1), { capture: true, passive: false });
  canvas.addEventListener('touchend', onTouch(2), { capture: true, passive: false });
  canvas.addEventListener('touchcancel', onTouch(2), { capture: true, passive: false });

  // ---- offline ------------------------------------------------------------------------------
  // What the app shows (the update offer in its status lines, the details under 本机数据) is
  // drawn by the app: the page only tells it the state. States (src/ui/offline_status.hpp):
  var STATES = { unknown: 0, unsupported: 1, insecure: 2, preparing: 3, ready: 4, update_ready: 5, failed: 6 };
  var offline = hearth.offline = { state: 'unknown', build: window.HEARTH_BUILD || '', detail: '', updateError: '',
                                   files: 0, bytes: 0, done: 0, total: 0, installable: false, checks: 0 };
  var registration = null, restarting = false;

  function tellOffline() {
    if (!hearth.ready || !Module._hearth_offline_status) return;
    var strings = [offline.detail, offline.updateError], ptrs = strings.map(function (s) {
      var n = Module.lengthBytesUTF8(s) + 1, p = Module._malloc(n);
      if (p) Module.stringToUTF8(s, p, n);
      return p;
    });
    if (ptrs[0] && ptrs[1])
      Module._hearth_offline_status(STATES[offline.state] || 0, ptrs[0], ptrs[1], offline.files, offline.bytes, offline.done, offline.total,
                                    offline.installable ? 1 : 0);
    ptrs.forEach(function (p) { if (p) Module._free(p); });
    Module._hearth_wake();
  }
  function setOffline(state, fields) {
    offline.state = state;
    for (var k in fields || {}) offline[k] = fields[k];
    tellOffline();
  }

  // Asks a worker which build it serves.
  function buildOf(worker) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      var timer = setTimeout(function () { resolve(null); }, 5000);
      channel.port1.onmessage = function (e) { clearTimeout(timer); resolve(e.data); };
      worker.postMessage({ type: 'build' }, [channel.port2]);
    });
  }

  function consider() {
    var reg = registration;
    if (!reg) return;
    if (reg.waiting && navigator.serviceWorker.controller) {
      buildOf(reg.waiting).then(function (b) {
        if (b && b.build !== offline.build) setOffline('update_ready', { updateError: '' });
      });
    } else if (reg.active) {
      buildOf(reg.active).then(function (b) {
        if (!b) return;
        if (b.build === offline.build) {
          setOffline('ready', { files: b.files, bytes: b.bytes });
          // a first visit: the page came from the network, but it is this build, so the worker may
          // serve its later loads (the full font, the scanner) — offline too
          if (!navigator.serviceWorker.controller) reg.active.postMessage({ type: 'claim', build: offline.build });
        } else if (offline.state !== 'update_ready') {
          // another window restarted into a newer build: this page is still the old one
          setOffline('update_ready', { updateError: '' });
        }
      });
    }
    var installing = reg.installing;
    if (installing && !installing.hearthWatched) {
      installing.hearthWatched = true;
      installing.addEventListener('statechange', consider);
      if (!reg.active) setOffline('preparing');
    }
  }

  function check() {
    if (!registration || navigator.onLine === false) return;
    offline.checks++;
    registration.update().catch(function () { /* the server is out of reach: the next check tries again */ });
  }

  function startOffline() {
    if (offline.state !== 'unknown') return;
    // (some private modes and policies leave navigator.serviceWorker undefined rather than absent)
    if (!navigator.serviceWorker) { setOffline('unsupported'); return; }
    // service workers and durable storage only exist on https:// (or this machine's own address)
    if (!window.isSecureContext) { setOffline('insecure', { detail: location.protocol + '//' + location.host }); return; }
    setOffline('preparing');
    navigator.serviceWorker.addEventListener('message', function (e) {
      var m = e.data || {};
      if (m.type === 'progress' && offline.state === 'preparing') setOffline('preparing', { done: m.done, total: m.total });
      if (m.type === 'install-failed') {
        if (m.build === offline.build || offline.state === 'preparing') setOffline('failed', { detail: m.reason });
        else offline.updateError = m.reason, tellOffline();
      }
      if (m.type === 'activated') consider();
    });
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (restarting) location.reload();
      else consider();
    });
    navigator.serviceWorker.register('sw.js', { scope: './', updateViaCache: 'none' }).then(function (reg) {
      if (!reg) { setOffline('unsupported'); return; }   // workers blocked by policy: register() answers nothing
      registration = reg;
      reg.addEventListener('updatefound', consider);
      consider();
      // a new version is looked for every 30 minutes, when the network returns, and when the
      // app comes back to the screen (the browser also looks at each start)
      setInterval(check, 30 * 60 * 1000);
      window.addEventListener('online', check);
      document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') check(); });
    }, function (e) {
      setOffline('failed', { detail: 'sw.js: ' + e.message });
    });
  }
  offline.check = check;   // for the tests

  // The person chose to restart into the new version (the app made sure nothing typed is lost).
  hearth.applyUpdate = function () {
    if (registration && registration.waiting) {
      restarting = true;
      registration.waiting.postMessage({ type: 'skip-waiting' });
    } else {
      location.reload();   // the new version is already active (restarted in another window)
    }
  };

  // Installing to the home screen or desktop: the browser's own offer, kept for the app's button.
  var installPrompt = null;
  window.addEventListener('beforeinstallprompt', function (e) {
    e.preventDefault();
    installPrompt = e;
    offline.installable = true;
    tellOffline();
  });
  window.addEventListener('appinstalled', function () { installPrompt = null; offline.installable = false; tellOffline(); });
  hearth.installApp = function () {
    if (!installPrompt) return;
    installPrompt.prompt();
    installPrompt.userChoice.then(function () { installPrompt = null; offline.installable = false; tellOffline(); });
  };
})();
