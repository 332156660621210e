// The app's side of QR scanning (linked with --js-library; declared in src/platform/scan.hpp):
// thin calls into window.hearth.scanner (web/scanner.js, served as scan/scanner.js), which owns
// the camera, the overlay and the detector. The app starts a scan with its own words and polls
// hearth_scan_state() every frame. docs/scanning.md.
mergeInto(LibraryManager.library, {
  $HearthScan: {
    codes: { idle: 0, starting: 1, scanning: 2, done: 3, cancelled: 4, error: -1 },
    missing: false,   // scan/scanner.js did not load: every scan is an error ('other')
    api: function () { return (window.hearth && window.hearth.scanner) || null; },
    // Copies s (UTF-8, NUL-terminated, cut to fit) to buf; returns the bytes written without the NUL.
    copy: function (s, buf, cap) {
      if (!s || cap <= 0) { if (cap > 0) HEAPU8[buf] = 0; return 0; }
      return stringToUTF8(s, buf, cap);
    },
  },

  hearth_scan_start__deps: ['$HearthScan'],
  hearth_scan_start: function (title, hint, cancel) {
    var s = HearthScan.api();
    HearthScan.missing = !s;
    if (!s) { console.warn('[hearth] scanner: scan/scanner.js is not loaded'); return; }
    s.start({ title: UTF8ToString(title), hint: UTF8ToString(hint), cancel: UTF8ToString(cancel) });
  },

  hearth_scan_stop__deps: ['$HearthScan'],
  hearth_scan_stop: function () {
    HearthScan.missing = false;
    var s = HearthScan.api();
    if (s) s.stop();
  },

  // 0 idle, 1 starting, 2 scanning, 3 done, 4 cancelled, -1 error
  hearth_scan_state__deps: ['$HearthScan'],
  hearth_scan_state: function () {
    if (HearthScan.missing) return -1;
    var s = HearthScan.api();
    if (!s) return 0;
    var code = HearthScan.codes[s.state()];
    return code === undefined ? -1 : code;
  },

  // The decoded text, once: its length in bytes (0: nothing to take). When it does not fit in
  // cap bytes with its NUL, nothing is taken and the size needed (with the NUL) is returned
  // negated, so the caller can grow its buffer and ask again.
  hearth_scan_take__deps: ['$HearthScan'],
  hearth_scan_take: function (buf, cap) {
    var s = HearthScan.api();
    var text = s ? s.peek() : null;
    if (text === null || text === undefined) { if (cap > 0) HEAPU8[buf] = 0; return 0; }
    var need = lengthBytesUTF8(text) + 1;
    if (need > cap) return -need;
    s.take();
    return HearthScan.copy(text, buf, cap);
  },

  // The error's kind while the state is -1: 'no_camera', 'denied', 'insecure', 'no_detector' or
  // 'other' ("" when there is none); hearth_scan_error_detail: the browser's own words.
  hearth_scan_error__deps: ['$HearthScan'],
  hearth_scan_error: function (buf, cap) {
    if (HearthScan.missing) return HearthScan.copy('other', buf, cap);
    var s = HearthScan.api(), e = s ? s.error() : null;
    return HearthScan.copy(e ? e.kind : '', buf, cap);
  },
  hearth_scan_error_detail__deps: ['$HearthScan'],
  hearth_scan_error_detail: function (buf, cap) {
    if (HearthScan.missing) return HearthScan.copy('scan/scanner.js is not loaded', buf, cap);
    var s = HearthScan.api(), e = s ? s.error() : null;
    return HearthScan.copy(e ? e.detail : '', buf, cap);
  },
});
