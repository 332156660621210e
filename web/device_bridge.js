// The browser's share of the device (linked with --js-library): which window is the one
// writer (Web Locks, else a lease in localStorage), telling the other windows the ledger grew
// (BroadcastChannel), storage usage and quota, and files (downloads, the file picker).
mergeInto(LibraryManager.library, {
  $HearthLease: {
    channel: null,
    role: 0,   // 0 unknown, 1 writer, 2 follower
    report: function (role) {
      if (HearthLease.role === role) return;
      HearthLease.role = role;
      window.hearth = window.hearth || {};
      window.hearth.role = role === 1 ? 'writer' : 'follower';
      Module['_hearth_lease_role'](role);
      if (Module['_hearth_show_outcome']) Module['_hearth_show_outcome']();
    },
    hold: function () { return new Promise(function () { /* held until this page goes away */ }); },
    // Without Web Locks: a lease in localStorage that the writer renews every second; a
    // window takes it when it is absent or three seconds stale. Two windows could both take a
    // stale lease in the same instant; the store's `add` then refuses the second one's write
    // (a conflict, shown as such), so even this fallback never forks the ledger.
    fallback: function (name) {
      var key = 'hearth.writer.' + name, me = Math.random().toString(36).slice(2), kTtl = 3000;
      function read() { try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; } }
      function tick() {
        var now = Date.now(), lease = read();
        if (!lease || lease.id === me || lease.until < now) {
          try { localStorage.setItem(key, JSON.stringify({ id: me, until: now + kTtl })); } catch (e) { /* storage blocked: stay as we are */ }
          var again = read();
          HearthLease.report(again && again.id === me ? 1 : 2);
        } else {
          HearthLease.report(2);
        }
      }
      tick();
      setInterval(tick, 1000);
      window.addEventListener('pagehide', function () {
        var lease = read();
        if (lease && lease.id === me) try { localStorage.removeItem(key); } catch (e) { /* nothing to do */ }
      });
    },
  },

  hearth_lease_claim__deps: ['$HearthLease'],
  hearth_lease_claim: function (namePtr) {
    var name = 'hearth-writer:' + UTF8ToString(namePtr);
    if (typeof BroadcastChannel !== 'undefined') {
      HearthLease.channel = new BroadcastChannel(name);
      HearthLease.channel.onmessage = function (ev) {
        if (ev.data && typeof ev.data.grew === 'number') {
          Module['_hearth_lease_grew'](ev.data.grew);
          if (Module['_hearth_show_outcome']) Module['_hearth_show_outcome']();
        }
      };
    }
    var locks = navigator.locks;
    if (!locks || !locks.request || window.hearthNoWebLocks) { HearthLease.fallback(name); return; }
    locks.request(name, { ifAvailable: true }, function (lock) {
      if (lock) { HearthLease.report(1); return HearthLease.hold(); }
      HearthLease.report(2);
      // wait in line: when the writer's window closes, this one takes over
      locks.request(name, function () { HearthLease.report(1); return HearthLease.hold(); });
      return undefined;
    }).catch(function () { HearthLease.fallback(name); });
  },

  hearth_lease_announce__deps: ['$HearthLease'],
  hearth_lease_announce: function (lastSeq) {
    if (HearthLease.channel) HearthLease.channel.postMessage({ grew: lastSeq });
  },

  hearth_gauge_measure: function (req) {
    function answer(known, usage, quota, persisted) {
      Module['_hearth_gauge_done'](req, known, usage, quota, persisted);
      if (Module['_hearth_show_outcome']) Module['_hearth_show_outcome']();
    }
    var s = navigator.storage;
    if (!s || !s.estimate) { answer(0, 0, 0, 0); return; }
    s.estimate().then(function (e) {
      var persisted = s.persisted ? s.persisted() : Promise.resolve(false);
      persisted.then(function (p) { answer(1, e.usage || 0, e.quota || 0, p ? 1 : 0); }, function () { answer(1, e.usage || 0, e.quota || 0, 0); });
    }, function () { answer(0, 0, 0, 0); });
  },

  hearth_files_save: function (namePtr, ptr, len) {
    var name = UTF8ToString(namePtr);
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)], { type: 'application/octet-stream' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  },

  // Answers through the store's completion path (_hearth_idb_done) with
  // [u32 name length][name][the file's bytes]; a cancelled picker answers nothing.
  hearth_files_open__deps: ['$HearthIdb'],
  hearth_files_open: function (req) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.hearth-backup,application/octet-stream';
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      input.remove();
      if (!f) return;
      f.arrayBuffer().then(function (buf) {
        var name = new TextEncoder().encode(f.name), out = new Uint8Array(4 + name.length + buf.byteLength);
        new DataView(out.buffer).setUint32(0, name.length, true);
        out.set(name, 4);
        out.set(new Uint8Array(buf), 4 + name.length);
        HearthIdb.done(req, 0, null, out);
      }, function (e) { HearthIdb.done(req, 4, HearthIdb.describe(e, 'the file could not be read')); });
    });
    input.addEventListener('cancel', function () { input.remove(); });
    input.click();
  },

  // Several files (bundles, requests): [u32 count] then per file [u32 n][name][u32 n][bytes],
  // through the store's completion path; a cancelled picker answers nothing.
  hearth_files_open_many__deps: ['$HearthIdb', '$HearthDrops'],
  hearth_files_open_many: function (req) {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', function () {
      var files = input.files ? Array.prototype.slice.call(input.files) : [];
      input.remove();
      if (!files.length) return;
      HearthDrops.pack(files).then(function (out) { HearthIdb.done(req, 0, null, out); },
        function (e) { HearthIdb.done(req, 4, HearthIdb.describe(e, 'the files could not be read')); });
    });
    input.addEventListener('cancel', function () { input.remove(); });
    input.click();
  },

  // Files dropped onto the page wait here until the app takes them (hearth_files_take_dropped,
  // polled by the exchange view each frame): the same layout as hearth_files_open_many.
  $HearthDrops__postset: 'HearthDrops.listen();',
  $HearthDrops: {
    queue: [],        // packed batches, ready
    reading: 0,       // batches still being read
    pack: function (files) {
      return Promise.all(files.map(function (f) { return f.arrayBuffer(); })).then(function (bufs) {
        var enc = new TextEncoder(), names = files.map(function (f) { return enc.encode(f.name); }), n = 4, i;
        for (i = 0; i < files.length; i++) n += 8 + names[i].length + bufs[i].byteLength;
        var out = new Uint8Array(n), dv = new DataView(out.buffer), o = 0;
        dv.setUint32(o, files.length, true); o += 4;
        for (i = 0; i < files.length; i++) {
          dv.setUint32(o, names[i].length, true); o += 4; out.set(names[i], o); o += names[i].length;
          dv.setUint32(o, bufs[i].byteLength, true); o += 4; out.set(new Uint8Array(bufs[i]), o); o += bufs[i].byteLength;
        }
        return out;
      });
    },
    listen: function () {
      if (typeof window === 'undefined' || !window.addEventListener) return;
      window.addEventListener('dragover', function (ev) {
        if (ev.dataTransfer && Array.prototype.indexOf.call(ev.dataTransfer.types || [], 'Files') >= 0) {
          ev.preventDefault();
          ev.dataTransfer.dropEffect = 'copy';
        }
      });
      window.addEventListener('drop', function (ev) {
        var files = ev.dataTransfer && ev.dataTransfer.files ? Array.prototype.slice.call(ev.dataTransfer.files) : [];
        if (!files.length) return;
        ev.preventDefault();
        HearthDrops.reading++;
        HearthDrops.pack(files).then(function (out) {
          HearthDrops.reading--;
          HearthDrops.queue.push(out);
          if (Module['_hearth_show_outcome']) Module['_hearth_show_outcome']();
        }, function () { HearthDrops.reading--; });
      });
    },
  },

  // The oldest dropped batch, copied into a malloc'd buffer the caller frees; 0 when none.
  hearth_files_take_dropped__deps: ['$HearthDrops', 'malloc'],
  hearth_files_take_dropped: function (lenPtr) {
    var out = HearthDrops.queue.shift();
    if (!out) return 0;
    var p = _malloc(Math.max(1, out.length));
    if (!p) return 0;
    HEAPU8.set(out, p);
    HEAP32[lenPtr >> 2] = out.length;
    return p;
  },
});
