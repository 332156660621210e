// Reading a QR code with the tablet's camera (docs/scanning.md). A plain script of the page
// (served as scan/scanner.js): window.hearth.scanner, which the app drives through
// web/scan_bridge.js and polls every frame.
//
// Index of this file
// - state: what the app polls (start, stop, state, take, error, detector, stats)
// - overlay: the live camera view above the canvas, in the words the app gives
// - camera: getUserMedia, and what each of its failures means
// - detector: the browser's own BarcodeDetector, else the polyfill from our own origin (scan/)
// - loop: one detection at a time, at most every 100 ms, until the same QR text is read twice
(function () {
  'use strict';

  var hearth = window.hearth = window.hearth || {};
  // Everything the scanner loads lives beside this file (dist/scan/): never another origin.
  var here = (document.currentScript && document.currentScript.src) || new URL('scan/scanner.js', location.href).href;
  var POLYFILL_URL = new URL('barcode-detector/ponyfill.js', here).href;
  var WASM_URL = new URL('zxing-wasm/zxing_reader.wasm', here).href;
  var INTERVAL_MS = 100;      // at most ten detections a second: decoding shares the page's one thread
  var MAX_FAILURES = 3;       // detect() failing this many times in a row ends the scan with an error

  // ---- state --------------------------------------------------------------------------------
  var state = 'idle';         // 'idle' | 'starting' | 'scanning' | 'done' | 'cancelled' | 'error'
  var text = null;            // the decoded text, until take()
  var failure = null;         // { kind, detail } while state is 'error'
  var used = null;            // 'native' | 'polyfill': the detector of the latest scan
  var current = null;         // the scan in progress: { stream, overlay, video, detector, … }
  var timing = { frames: 0, totalMs: 0, maxMs: 0, lastMs: 0 };

  // The app draws on demand: ask it for a few frames when something changes, so it shows at
  // once (not the half second of frames that input gets: the canvas is under the overlay, and
  // its frames would take the thread that feeds the detector).
  function wake() {
    try {
      var M = window.Module;
      if (!M || !hearth.ready) return;
      if (typeof M._hearth_show_outcome === 'function') M._hearth_show_outcome();
      else if (typeof M._hearth_wake === 'function') M._hearth_wake();
    } catch (e) { /* the app is not running (yet): it polls on its next frame anyway */ }
  }
  function setState(s) { state = s; wake(); }

  function start(labels) {
    if (current) finish(current);   // a new scan replaces one in progress
    var scan = current = { labels: labels || {}, stream: null, overlay: null, video: null, detector: null,
                           ctx: null, last: 0, failures: 0, onKey: null, layout: null, candidate: null };
    text = null; failure = null; used = null;
    setState('starting');
    showOverlay(scan);
    if (window.isSecureContext === false) {
      fail(scan, 'insecure', 'the camera needs HTTPS or localhost; this page is ' + location.origin);
      return;
    }
    if (!navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
      fail(scan, 'no_camera', 'this browser has no navigator.mediaDevices.getUserMedia');
      return;
    }
    // Both at once: the person answers the camera prompt while the polyfill (if needed) loads.
    var camera = openCamera().then(function (stream) {
      if (current !== scan) { stopStream(stream); throw stale; }
      scan.stream = stream;
      return stream;
    });
    var detector = getDetector();
    Promise.all([camera, detector]).then(function (both) {
      if (current !== scan) throw stale;
      scan.detector = both[1].detector;
      used = both[1].kind;
      return playVideo(scan);
    }).then(function () {
      if (current !== scan) return;
      setState('scanning');
      next(scan);
    }).catch(function (e) {
      if (e === stale || current !== scan) return;
      fail(scan, e.kind || 'other', describe(e.cause || e));
    });
  }

  // Cancels a scan in progress ('cancelled'); after a scan ended, forgets its text or error ('idle').
  function stop() {
    if (current) { finish(current); setState('cancelled'); return; }
    if (state !== 'idle') { text = null; failure = null; setState('idle'); }
  }

  function take() {
    if (state !== 'done') return null;
    var t = text;
    text = null;
    setState('idle');
    return t;
  }

  var stale = { stale: true };   // thrown when a scan was replaced or cancelled meanwhile

  function fail(scan, kind, detail) {
    if (current !== scan) return;
    finish(scan);
    failure = { kind: kind, detail: String(detail || '') };
    // shown by the app (it reads error()); logged for whoever reads the console
    console.warn('[hearth] scanner: ' + kind + (detail ? ' — ' + detail : ''));
    setState('error');
  }

  // Ends a scan: the camera off (its light too), the overlay gone.
  function finish(scan) {
    if (current === scan) current = null;
    scan.ctx = null;
    stopStream(scan.stream);
    scan.stream = null;
    if (scan.video) { try { scan.video.pause(); } catch (e) { /* already stopped */ } scan.video.srcObject = null; }
    if (scan.overlay && scan.overlay.parentNode) scan.overlay.parentNode.removeChild(scan.overlay);
    if (scan.layout) { window.removeEventListener('resize', scan.layout); scan.layout = null; }
    if (scan.onKey) {
      ['keydown', 'keyup', 'keypress'].forEach(function (t) { window.removeEventListener(t, scan.onKey, true); });
      scan.onKey = null;
    }
  }

  function record(ms) {
    timing.frames++;
    timing.totalMs += ms;
    timing.lastMs = ms;
    if (ms > timing.maxMs) timing.maxMs = ms;
  }

  hearth.scanner = {
    start: start,
    stop: stop,
    state: function () { return state; },
    take: take,
    peek: function () { return state === 'done' ? text : null; },   // the text without taking it (web/scan_bridge.js)
    error: function () { return failure ? { kind: failure.kind, detail: failure.detail } : null; },
    detector: function () { return used; },
    // detect() calls so far: how long one takes (grabbing the frame and decoding it), in ms
    stats: function () {
      return { frames: timing.frames, meanMs: timing.frames ? timing.totalMs / timing.frames : 0,
               maxMs: timing.maxMs, lastMs: timing.lastMs };
    },
    files: { polyfill: POLYFILL_URL, wasm: WASM_URL },
  };

  // ---- overlay ------------------------------------------------------------------------------
  var CSS =
    '.hearth-scan{position:fixed;inset:0;z-index:3;display:flex;flex-direction:column;align-items:center;gap:14px;' +
    'box-sizing:border-box;padding:max(16px,env(safe-area-inset-top)) max(16px,env(safe-area-inset-right))' +
    ' max(20px,env(safe-area-inset-bottom)) max(16px,env(safe-area-inset-left));background:#10171f;color:#fff;' +
    'font-family:inherit;-webkit-user-select:none;user-select:none;touch-action:manipulation}' +
    '.hearth-scan-title{font-size:24px;font-weight:600;letter-spacing:.04em;text-align:center}' +
    '.hearth-scan-view{position:relative;flex:1 1 auto;min-height:0;width:100%}' +
    '.hearth-scan-view video{position:absolute;inset:0;width:100%;height:100%;object-fit:contain}' +
    // over the picture exactly (layout below): the picture dimmed around a square to aim with
    '.hearth-scan-frame{position:absolute;overflow:hidden;pointer-events:none}' +
    '.hearth-scan-aim{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);box-sizing:border-box;' +
    'border:3px solid #fff;border-radius:14px;box-shadow:0 0 0 200vmax rgba(0,0,0,.42)}' +
    '.hearth-scan-hint{font-size:19px;line-height:1.5;text-align:center;max-width:40em;color:#e6edf3}' +
    '.hearth-scan-cancel{font:inherit;font-size:20px;min-height:56px;min-width:220px;padding:0 40px;border:0;border-radius:8px;' +
    'background:#fff;color:#10171f;font-weight:600;cursor:pointer}' +
    '.hearth-scan-cancel:focus-visible{outline:3px solid #5aa9ff;outline-offset:3px}' +
    '@media (max-height:600px){.hearth-scan{gap:8px}.hearth-scan-title{font-size:20px}.hearth-scan-hint{font-size:16px}}';

  function showOverlay(scan) {
    if (!document.getElementById('hearth-scan-style')) {
      var style = document.createElement('style');
      style.id = 'hearth-scan-style';
      style.textContent = CSS;
      document.head.appendChild(style);
    }
    var labels = scan.labels;
    var o = document.createElement('div');
    o.id = 'hearth-scan';
    o.className = 'hearth-scan';
    o.setAttribute('role', 'dialog');
    o.setAttribute('aria-modal', 'true');
    o.setAttribute('aria-labelledby', 'hearth-scan-title');
    var title = document.createElement('div');
    title.id = 'hearth-scan-title';
    title.className = 'hearth-scan-title';
    title.textContent = labels.title || '';
    var view = document.createElement('div');
    view.className = 'hearth-scan-view';
    var video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.setAttribute('muted', '');
    var frame = document.createElement('div');
    frame.className = 'hearth-scan-frame';
    var aim = document.createElement('div');
    aim.className = 'hearth-scan-aim';
    frame.appendChild(aim);
    view.appendChild(video);
    view.appendChild(frame);
    var hint = document.createElement('div');
    hint.className = 'hearth-scan-hint';
    hint.setAttribute('aria-live', 'polite');
    hint.textContent = labels.hint || '';
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'hearth-scan-cancel';
    cancel.textContent = labels.cancel || '×';
    cancel.addEventListener('click', function () {
      if (current !== scan) return;
      finish(scan);
      setState('cancelled');
    });
    o.appendChild(title);
    o.appendChild(view);
    o.appendChild(hint);
    o.appendChild(cancel);
    // below the page's error screen (same z-index, earlier in the page), above the canvas
    var splash = document.getElementById('splash');
    if (splash && splash.parentNode === document.body) document.body.insertBefore(o, splash);
    else document.body.appendChild(o);
    scan.overlay = o;
    scan.video = video;
    // The frame covers the picture as the video shows it (contain: letterboxed in the view), so
    // the square to aim with is on the picture whatever the camera's shape or the tablet's way up.
    scan.layout = function () {
      var w0 = video.videoWidth || 4, h0 = video.videoHeight || 3;
      var bw = view.clientWidth, bh = view.clientHeight, k = Math.min(bw / w0, bh / h0);
      var w = w0 * k, h = h0 * k, side = Math.round(0.62 * Math.min(w, h));
      frame.style.width = w + 'px';
      frame.style.height = h + 'px';
      frame.style.left = (bw - w) / 2 + 'px';
      frame.style.top = (bh - h) / 2 + 'px';
      aim.style.width = aim.style.height = side + 'px';
    };
    video.addEventListener('loadedmetadata', scan.layout);
    video.addEventListener('resize', scan.layout);   // the camera turned with the tablet
    window.addEventListener('resize', scan.layout);
    scan.layout();
    // While the camera is up, keys are the overlay's: Escape cancels, nothing reaches the app beneath.
    scan.onKey = function (e) {
      if (current !== scan) return;
      if (e.type === 'keydown' && (e.key === 'Escape' || e.key === 'Esc')) {
        e.preventDefault();
        finish(scan);
        setState('cancelled');
      }
      e.stopImmediatePropagation();
    };
    ['keydown', 'keyup', 'keypress'].forEach(function (t) { window.addEventListener(t, scan.onKey, true); });
    var ime = document.getElementById('ime');
    if (ime && document.activeElement === ime) ime.blur();   // closes an on-screen keyboard
    try { cancel.focus({ preventScroll: true }); } catch (e) { /* not focusable yet: harmless */ }
  }

  // ---- camera -------------------------------------------------------------------------------
  function tagged(kind, cause) { return { kind: kind, cause: cause }; }

  function openCamera() {
    // the back camera where there is one; 1280×720 if it can (small codes stay sharp), any otherwise
    return navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
    }).catch(function (e) { throw tagged(cameraErrorKind(e), e); });
  }

  function cameraErrorKind(e) {
    switch (e && e.name) {
      case 'NotAllowedError': case 'PermissionDeniedError': case 'SecurityError': return 'denied';
      case 'NotFoundError': case 'DevicesNotFoundError': case 'OverconstrainedError': case 'ConstraintNotSatisfiedError':
        return 'no_camera';
      default: return 'other';   // NotReadableError (the camera is busy elsewhere), AbortError, …
    }
  }

  function playVideo(scan) {
    var video = scan.video, stream = scan.stream;
    var track = stream.getVideoTracks()[0];
    if (track) {
      track.addEventListener('ended', function () {
        if (current === scan) fail(scan, 'no_camera', 'the camera stopped (unplugged, or taken by another app)');
      });
    }
    video.srcObject = stream;
    var ready = video.readyState >= 1 ? Promise.resolve() : new Promise(function (resolve) {
      video.addEventListener('loadedmetadata', function () { resolve(); }, { once: true });
    });
    var played = video.play();
    return Promise.all([ready, played || Promise.resolve()]).catch(function (e) { throw tagged('other', e); });
  }

  function stopStream(stream) {
    if (!stream) return;
    stream.getTracks().forEach(function (t) { try { t.stop(); } catch (e) { /* already stopped */ } });
  }

  function describe(e) {
    if (!e) return '';
    if (typeof e === 'string') return e;
    return (e.name && e.name !== 'Error' ? e.name + ': ' : '') + (e.message || String(e));
  }

  // ---- detector -----------------------------------------------------------------------------
  // The browser's own (Android Chrome), when it reads QR codes; else barcode-detector's ponyfill
  // on zxing-wasm, imported only now, with its .wasm from our origin — never its default CDN.
  // A dynamic import fails as a rejected promise (not as a page-level script error), so a
  // missing file is this scan's 'no_detector' and never the page's load-failure screen.
  var polyfill = null;   // the promise of the ponyfill's detector, kept once it worked
  var attempts = 0;      // a module that failed to load stays failed for its URL: retry under a new one

  function getDetector() {
    return nativeDetector().then(function (d) {
      return d ? { kind: 'native', detector: d } : polyfillDetector().then(function (p) { return { kind: 'polyfill', detector: p }; });
    });
  }

  function nativeDetector() {
    var BD = window.BarcodeDetector;
    if (typeof BD !== 'function' || typeof BD.getSupportedFormats !== 'function') return Promise.resolve(null);
    return BD.getSupportedFormats().then(function (formats) {
      return formats && formats.indexOf('qr_code') >= 0 ? new BD({ formats: ['qr_code'] }) : null;
    }).catch(function () { return null; });   // a native detector that cannot say: the polyfill instead
  }

  function polyfillDetector() {
    if (polyfill) return polyfill;
    var api = null;
    var url = attempts++ ? POLYFILL_URL + '?retry=' + attempts : POLYFILL_URL;
    polyfill = import(url).then(function (m) {
      api = m;
      if (typeof m.BarcodeDetector !== 'function' || typeof m.prepareZXingModule !== 'function')
        throw new Error(POLYFILL_URL + ' exports no BarcodeDetector');
      // load and compile the reader's wasm now: a failure shows here, not at the first frame
      return m.prepareZXingModule({
        overrides: {
          locateFile: function (path, prefix) { return /\.wasm$/.test(path) ? WASM_URL : prefix + path; },
        },
        fireImmediately: true,
      });
    }).then(function () {
      return new api.BarcodeDetector({ formats: ['qr_code'] });
    }).catch(function (e) {
      polyfill = null;   // the next scan tries again (the file may be there by then)
      if (api && typeof api.purgeZXingModule === 'function') {
        try { api.purgeZXingModule(); } catch (x) { /* nothing held */ }
      }
      throw tagged('no_detector', e);
    });
    return polyfill;
  }

  // ---- loop ---------------------------------------------------------------------------------
  // requestVideoFrameCallback runs once per new camera frame (none while the video is hidden);
  // requestAnimationFrame where it is missing. Either way at most one detect() at a time, and
  // at most one every INTERVAL_MS.
  function next(scan) {
    if (current !== scan) return;
    var v = scan.video;
    if (typeof v.requestVideoFrameCallback === 'function') v.requestVideoFrameCallback(function () { tick(scan); });
    else requestAnimationFrame(function () { tick(scan); });
  }

  // The browser's detector takes the video itself. The polyfill would copy it through a canvas
  // of its own (≈ 8 ms a 640×480 frame in headless Chromium); a 2D canvas kept for reading
  // (willReadFrequently) does it in ≈ 1.5 ms, so the polyfill gets the pixels (docs/scanning.md).
  function frameOf(scan) {
    if (used !== 'polyfill') return scan.video;
    var v = scan.video, w = v.videoWidth, h = v.videoHeight;
    if (!scan.ctx || scan.ctx.canvas.width !== w || scan.ctx.canvas.height !== h) {
      var c = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
      c.width = w;
      c.height = h;
      scan.ctx = c.getContext('2d', { willReadFrequently: true });
      if (!scan.ctx) return v;
    }
    scan.ctx.drawImage(v, 0, 0, w, h);
    return scan.ctx.getImageData(0, 0, w, h);
  }

  function tick(scan) {
    if (current !== scan) return;
    var now = performance.now();
    if (now - scan.last < INTERVAL_MS || scan.video.readyState < 2 || !scan.video.videoWidth) { next(scan); return; }
    scan.last = now;
    var source;
    try { source = frameOf(scan); } catch (e) { source = scan.video; }
    scan.detector.detect(source).then(function (codes) {
      record(performance.now() - now);
      if (current !== scan) return;
      scan.failures = 0;
      for (var i = 0; i < codes.length; i++) {
        if (codes[i].format === 'qr_code' && typeof codes[i].rawValue === 'string' && codes[i].rawValue) {
          // The same text read from two frames before it counts: a single misread (seen under
          // load: a valid card read as damaged or forged) is never shown to the person.
          var found = codes[i].rawValue;
          if (found !== scan.candidate) { scan.candidate = found; next(scan); return; }
          finish(scan);
          text = found;
          setState('done');
          return;
        }
      }
      next(scan);
    }, function (e) {
      if (current !== scan) return;
      if (++scan.failures >= MAX_FAILURES) {
        fail(scan, e && e.name === 'NotSupportedError' ? 'no_detector' : 'other', describe(e));
        return;
      }
      next(scan);
    });
  }
})();
